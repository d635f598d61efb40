package org.virtualvisits.analytics.visits.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.virtualvisits.analytics.visits.RawEvent;

class EventBatchParserTest {

    @Test
    void everyFieldNameMapsToItsOwnPosition() {
        for (int i = 0; i < EventBatchParser.FIELDS.size(); i++) {
            assertThat(EventBatchParser.fieldIndex(EventBatchParser.FIELDS.get(i))).isEqualTo(i);
        }
        assertThat(EventBatchParser.fieldIndex("eventid")).isEqualTo(-1);
        assertThat(EventBatchParser.fieldIndex("")).isEqualTo(-1);
    }

    @Test
    void eachFieldLandsInItsComponentWhateverTheOrder() throws IOException {
        String json = """
                {"events":[{"appointmentKind":"k","department":"d","role":"r","participantId":"p","occurredAt":"o",
                            "type":"t","meetingType":"mt","meetingId":"m","eventId":"e","other":"x"}]}""";
        EventBatchParser.ParsedBatch batch = EventBatchParser.parse(new JsonFactory().createParser(json));
        assertThat(batch.errors()).isEmpty();
        assertThat(batch.events()).containsExactly(new RawEvent("e", "m", "mt", "t", "o", "p", "r", "d", "k"));
    }
}
