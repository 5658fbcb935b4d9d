//! Reads a participant as the service sends one, through the bindings that `build.rs`
//! generates with `build::Config`'s knobs. Each knob shows in what this code relies on, so one
//! that did nothing fails the build or the tests.
#![deny(warnings)]

use std::collections::BTreeSet;

mod calls {
    include!(concat!(env!("OUT_DIR"), "/participant.rs"));
}

use calls::{CallParticipant, Modality};

/// What a participant sends, by kind of media: `Modality` is `Ord` by a type attribute.
fn modalities(participant: &CallParticipant) -> BTreeSet<&Modality> {
    let streams = participant.media_streams.value().into_iter().flatten();
    streams.filter_map(|s| s.media_type.value()).collect()
}

fn main() {
    let json = std::io::read_to_string(std::io::stdin()).expect("stdin");
    let participant: CallParticipant = serde_json::from_str(&json).expect("a participant");
    // `muted` is `isMuted` renamed.
    let muted = participant.muted.value() == Some(&true);
    println!("muted: {muted}, media: {:?}", modalities(&participant));
}

#[cfg(test)]
mod tests {
    use super::*;

    const SENT: &str = r#"{"id": "7", "isMuted": true, "mediaStreams": [
        {"mediaType": "video"}, {"mediaType": "audio"}, {"mediaType": "video"}]}"#;

    /// Every type derives `Eq`: `type_attribute(".", "#[derive(Eq)]")`.
    fn eq<T: Eq>(_: &T) {}

    #[test]
    fn a_renamed_field_keeps_its_wire_name() {
        let participant: CallParticipant = serde_json::from_str(SENT).unwrap();
        eq(&participant);
        assert_eq!(participant.muted.value(), Some(&true));
        let written = serde_json::to_value(&participant).unwrap();
        assert_eq!(
            written,
            serde_json::from_str::<serde_json::Value>(SENT).unwrap()
        );
        let media: Vec<_> = modalities(&participant).into_iter().collect();
        assert_eq!(media, [&Modality::Audio, &Modality::Video]);
    }

    #[test]
    fn the_area_filter_keeps_what_participant_needs() {
        let types: Vec<&str> = calls::TYPES.iter().map(|t| t.name).collect();
        // The renamed type keeps its documented name.
        assert!(types.contains(&"microsoft.graph.participant"));
        // What participant is made of, and what its endpoints send and return.
        assert!(types.contains(&"microsoft.graph.identitySet"));
        assert!(types.contains(&"microsoft.graph.inviteParticipantsOperation"));
        // Another area's: nothing of participant holds a notification.
        assert!(!types.contains(&"microsoft.graph.commsNotification"));
        let endpoints: Vec<&str> = calls::ENDPOINTS.iter().map(|e| e.name).collect();
        assert_eq!(
            endpoints,
            ["participant-get", "participant-invite", "participant-mute"]
        );
    }
}
