//! The runtime cost of the generated types against plain serde structs of the same shape: a
//! collection of participants read and written both ways, then one line per pair with the ratio
//! generated/plain, and the figures as JSON. Run with
//! `cargo bench -p docbind-tests --bench serde_runtime`.

use std::collections::BTreeMap;
use std::env;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Instant, SystemTime};

use criterion::{Criterion, SamplingMode, Throughput};
use docs_src_bindings::Participant;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

const PARTICIPANTS: usize = 20_000;

/// A criterion group, whose functions are `generated` and `plain`, and the goal for
/// generated/plain, if there is one.
type Pair = (&'static str, Option<f64>);

/// What the input holds besides the participants' own fields.
#[derive(Clone, Copy, PartialEq)]
enum Input {
    /// Values of the declared types, without `@odata.type`, as the service sends them.
    Declared,
    /// `@odata.type` on every nested value, the identity set a derived type of the one declared.
    Typed,
    /// As `Declared`, with a field the declared type lacks (the identity set's `phone`, sent
    /// without naming the derived type that has it): the generated side keeps it in `extra`.
    Undocumented,
}

/// Each input, read and written by both sides: the pair that reads and the pair that writes.
const INPUTS: [(Input, Pair, Pair); 3] = [
    (
        Input::Declared,
        ("deserialize_collection", Some(1.15)),
        ("serialize_collection", Some(1.0)),
    ),
    (
        Input::Typed,
        ("deserialize_collection_odata_type", Some(1.3)),
        ("serialize_collection_odata_type", Some(1.0)),
    ),
    (
        Input::Undocumented,
        ("deserialize_collection_undocumented_field", None),
        ("serialize_collection_undocumented_field", None),
    ),
];

// What a hand-written client would declare for the same data: `Option` for every property,
// `rename` for the wire names, enums kept as text (like the generated `Other`, it keeps any
// value). `skip_serializing_if` keeps absent properties absent, as `Nullable` does.

#[derive(Serialize, Deserialize)]
struct PlainParticipant {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    info: Option<PlainParticipantInfo>,
    #[serde(rename = "isInLobby", skip_serializing_if = "Option::is_none")]
    is_in_lobby: Option<bool>,
    #[serde(rename = "isMuted", skip_serializing_if = "Option::is_none")]
    is_muted: Option<bool>,
    #[serde(rename = "mediaStreams", skip_serializing_if = "Option::is_none")]
    media_streams: Option<Vec<PlainMediaStream>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metadata: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct PlainParticipantInfo {
    #[serde(rename = "@odata.type", skip_serializing_if = "Option::is_none")]
    odata_type: Option<String>,
    #[serde(rename = "countryCode", skip_serializing_if = "Option::is_none")]
    country_code: Option<String>,
    #[serde(rename = "endpointType", skip_serializing_if = "Option::is_none")]
    endpoint_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    identity: Option<PlainCommunicationsIdentitySet>,
    #[serde(rename = "languageId", skip_serializing_if = "Option::is_none")]
    language_id: Option<String>,
    #[serde(rename = "participantId", skip_serializing_if = "Option::is_none")]
    participant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct PlainCommunicationsIdentitySet {
    #[serde(rename = "@odata.type", skip_serializing_if = "Option::is_none")]
    odata_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    application: Option<PlainIdentity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    device: Option<PlainIdentity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user: Option<PlainIdentity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    guest: Option<PlainIdentity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<PlainIdentity>,
}

#[derive(Serialize, Deserialize)]
struct PlainIdentity {
    #[serde(rename = "@odata.type", skip_serializing_if = "Option::is_none")]
    odata_type: Option<String>,
    #[serde(rename = "displayName", skip_serializing_if = "Option::is_none")]
    display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(rename = "identityProvider", skip_serializing_if = "Option::is_none")]
    identity_provider: Option<String>,
    #[serde(rename = "tenantId", skip_serializing_if = "Option::is_none")]
    tenant_id: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct PlainMediaStream {
    #[serde(rename = "@odata.type", skip_serializing_if = "Option::is_none")]
    odata_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    direction: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    #[serde(rename = "mediaType", skip_serializing_if = "Option::is_none")]
    media_type: Option<String>,
    #[serde(rename = "serverMuted", skip_serializing_if = "Option::is_none")]
    server_muted: Option<bool>,
    #[serde(rename = "sourceId", skip_serializing_if = "Option::is_none")]
    source_id: Option<String>,
}

/// `fields`, with `@odata.type` first when `odata` is set, as the service sends it.
fn typed(odata: bool, name: &str, fields: Value) -> Value {
    let Value::Object(fields) = fields else {
        unreachable!("fields are an object")
    };
    let mut object = Map::new();
    if odata {
        object.insert(
            "@odata.type".into(),
            format!("#microsoft.graph.{name}").into(),
        );
    }
    object.extend(fields);
    Value::Object(object)
}

/// Participant `i`: made-up values that vary with `i`, so no two are alike.
fn participant(i: usize, input: Input) -> Value {
    let odata = input == Input::Typed;
    let identity = |fields| typed(odata, "identity", fields);
    // The third identity: `phone` belongs to communicationsIdentitySet only.
    let third = if input == Input::Declared {
        "device"
    } else {
        "phone"
    };
    json!({
        "id": format!("{i:08x}-5eed-4b1d-9a11-{:012x}", i * 7919),
        "info": typed(odata, "participantInfo", json!({
            "identity": typed(odata, "communicationsIdentitySet", json!({
                "user": identity(json!({
                    "displayName": format!("Bench User {i}"),
                    "id": format!("user-{i:06}"),
                    "tenantId": "tenant-of-the-bench",
                })),
                "application": identity(json!({
                    "displayName": "Bench Recorder",
                    "id": format!("app-{:03}", i % 17),
                })),
                (third): identity(json!({ "id": format!("+1555{:07}", i) })),
            })),
            "endpointType": (["default", "voicemail", "skypeForBusiness"][i % 3]),
            "languageId": (["en-US", "pt-BR"][i % 2]),
            "region": (["amer", "emea", "apac"][i % 3]),
            "countryCode": (["US", "BR", "JP", "DE"][i % 4]),
            "participantId": format!("participant-{i}"),
        })),
        "isInLobby": i.is_multiple_of(7),
        "isMuted": i.is_multiple_of(3),
        "mediaStreams": [
            typed(odata, "mediaStream", json!({
                "mediaType": "audio",
                "label": "main-audio",
                "sourceId": (2 * i).to_string(),
                "direction": "sendReceive",
                "serverMuted": false,
            })),
            typed(odata, "mediaStream", json!({
                "mediaType": "video",
                "label": "main-video",
                "sourceId": (2 * i + 1).to_string(),
                "direction": "receiveOnly",
                "serverMuted": i.is_multiple_of(5),
            })),
        ],
        "metadata": format!("seat={};row={}", i % 40, i / 40),
    })
}

fn collection(input: Input) -> String {
    let all = (0..PARTICIPANTS).map(|i| participant(i, input)).collect();
    serde_json::to_string(&Value::Array(all)).expect("a Value serializes")
}

/// Both sides read `json`, and each writes back the same JSON value, so they hold the same
/// data; also returns what the generated side kept untyped (its notes).
fn read_both(json: &str) -> (Vec<Participant>, Vec<PlainParticipant>, Vec<String>) {
    let input: Value = serde_json::from_str(json).expect("the input reads as JSON");
    // A recording reads values of base types through a buffer: the values written are read
    // the way an application reads them.
    let (recorded, untyped, _) =
        docbind::untyped::record(|| serde_json::from_str::<Vec<Participant>>(json));
    recorded.expect("the generated types read the input");
    let generated: Vec<Participant> = serde_json::from_str(json).unwrap();
    let plain: Vec<PlainParticipant> =
        serde_json::from_str(json).expect("the plain structs read the input");
    // `assert!`, not `assert_eq!`: a failure would print megabytes.
    let back = serde_json::to_value(&generated).unwrap();
    assert!(back == input, "the generated types write back other data");
    let back = serde_json::to_value(&plain).unwrap();
    assert!(back == input, "the plain structs write back other data");
    (generated, plain, untyped)
}

fn benches(c: &mut Criterion, since: SystemTime) -> BTreeMap<&'static str, f64> {
    let home = criterion_home();
    let mut alternated = BTreeMap::new();
    for (input, (read, _), (write, _)) in INPUTS {
        let json = collection(input);
        let (generated, plain, untyped) = read_both(&json);
        // Without `@odata.type` the generated side reads the identity set as the declared
        // type, identitySet, which has no `phone`: that goes to `extra`.
        if input == Input::Undocumented {
            assert!(untyped.len() == PARTICIPANTS && untyped.iter().all(|n| n == "field `phone`"));
        } else {
            assert!(untyped.is_empty(), "{untyped:?}");
        }

        let mut read_generated = || {
            black_box(serde_json::from_str::<Vec<Participant>>(black_box(&json)).unwrap());
        };
        let mut read_plain = || {
            black_box(serde_json::from_str::<Vec<PlainParticipant>>(black_box(&json)).unwrap());
        };
        // An iteration takes tens of milliseconds or more: flat sampling, as criterion would
        // pick anyway.
        let mut group = c.benchmark_group(read);
        group.sampling_mode(SamplingMode::Flat);
        group.throughput(Throughput::Bytes(json.len() as u64));
        group.bench_function("generated", |b| b.iter(&mut read_generated));
        group.bench_function("plain", |b| b.iter(&mut read_plain));
        group.finish();
        if measured(&home, read, since) {
            alternated.insert(read, alternate(read_generated, read_plain));
        }

        // Into a reused buffer: a fresh Vec grown to the output's size on every iteration made
        // the times swing with the allocator's state as much as with the types.
        let mut into_generated = Vec::with_capacity(json.len());
        let mut into_plain = Vec::with_capacity(json.len());
        let mut write_generated = || {
            into_generated.clear();
            serde_json::to_writer(&mut into_generated, black_box(&generated)).unwrap();
            black_box(&into_generated);
        };
        let mut write_plain = || {
            into_plain.clear();
            serde_json::to_writer(&mut into_plain, black_box(&plain)).unwrap();
            black_box(&into_plain);
        };
        let mut group = c.benchmark_group(write);
        group.sampling_mode(SamplingMode::Flat);
        group.throughput(Throughput::Bytes(json.len() as u64));
        group.bench_function("generated", |b| b.iter(&mut write_generated));
        group.bench_function("plain", |b| b.iter(&mut write_plain));
        group.finish();
        if measured(&home, write, since) {
            alternated.insert(write, alternate(write_generated, write_plain));
        }
    }
    alternated
}

/// Rounds of [`alternate`], and how many runs of each side a round times.
const ROUNDS: usize = 21;
const TURN: usize = 5;

/// Criterion times each function in a stretch of its own, and on a shared machine the load
/// drifts from one stretch to the next. This runs the two in turns instead, `ROUNDS` times
/// (which one goes first alternates), and returns the median of the rounds' ratios
/// generated/plain.
fn alternate(mut generated: impl FnMut(), mut plain: impl FnMut()) -> f64 {
    let time = |side: &mut dyn FnMut()| {
        let start = Instant::now();
        (0..TURN).for_each(|_| side());
        start.elapsed().as_secs_f64()
    };
    let mut ratios: Vec<f64> = (0..ROUNDS)
        .map(|round| {
            if round % 2 == 0 {
                let generated = time(&mut generated);
                generated / time(&mut plain)
            } else {
                let plain = time(&mut plain);
                time(&mut generated) / plain
            }
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    ratios[ROUNDS / 2]
}

/// Where criterion writes its results, found as criterion finds it: `$CRITERION_HOME`, else
/// `criterion` in cargo's target directory.
fn criterion_home() -> PathBuf {
    if let Some(home) = env::var_os("CRITERION_HOME") {
        return home.into();
    }
    let target = env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            let cargo = env::var_os("CARGO")?;
            let out = Command::new(cargo)
                .args(["metadata", "--format-version", "1", "--no-deps"])
                .output()
                .ok()?;
            let metadata: Value = serde_json::from_slice(&out.stdout).ok()?;
            Some(metadata["target_directory"].as_str()?.into())
        });
    target.unwrap_or_else(|| "target".into()).join("criterion")
}

/// Criterion's mean and median for one function, in ns (under flat sampling the mean is the
/// time its report prints); `None` unless written since `since`, so that a filtered or
/// test-mode run does not report an older run's figures.
fn estimate(home: &Path, group: &str, function: &str, since: SystemTime) -> Option<(f64, f64)> {
    let path = home.join(group).join(function).join("new/estimates.json");
    if std::fs::metadata(&path).ok()?.modified().ok()? < since {
        return None;
    }
    let estimates: Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    let point = |name: &str| estimates[name]["point_estimate"].as_f64();
    Some((point("mean")?, point("median")?))
}

/// Whether criterion measured both functions of `group` in this run.
fn measured(home: &Path, group: &str, since: SystemTime) -> bool {
    ["generated", "plain"]
        .iter()
        .all(|function| estimate(home, group, function, since).is_some())
}

/// Three decimals are plenty for figures this noisy.
fn rounded(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn report(since: SystemTime, alternated: &BTreeMap<&str, f64>) {
    let home = criterion_home();
    let mut figures = Map::new();
    figures.insert("participants".into(), PARTICIPANTS.into());
    println!();
    let pairs = INPUTS.iter().flat_map(|&(_, read, write)| [read, write]);
    for (group, goal) in pairs {
        let (Some(generated), Some(plain)) = (
            estimate(&home, group, "generated", since),
            estimate(&home, group, "plain", since),
        ) else {
            println!("{group}: not measured in this run");
            figures.insert(group.into(), Value::Null);
            continue;
        };
        let ratio = generated.0 / plain.0;
        let median_ratio = generated.1 / plain.1;
        let in_turns = alternated.get(group).copied();
        let against = goal.map_or("no goal".to_owned(), |goal| format!("goal <= {goal}"));
        println!(
            "{group}: generated/plain = {ratio:.3} (median {median_ratio:.3}; in turns {}; mean {:.2} ms / {:.2} ms; {against})",
            in_turns.map_or("-".to_owned(), |r| format!("{r:.3}")),
            generated.0 / 1e6,
            plain.0 / 1e6,
        );
        figures.insert(
            group.into(),
            json!({
                "generated_ms": rounded(generated.0 / 1e6),
                "plain_ms": rounded(plain.0 / 1e6),
                "ratio": rounded(ratio),
                "median_ratio": rounded(median_ratio),
                "in_turns_ratio": in_turns.map(rounded),
                "goal": goal,
            }),
        );
    }
    println!("{}", serde_json::to_string_pretty(&figures).unwrap());
}

fn main() {
    let since = SystemTime::now();
    let mut c = Criterion::default().configure_from_args();
    let alternated = benches(&mut c, since);
    c.final_summary();
    report(since, &alternated);
}
