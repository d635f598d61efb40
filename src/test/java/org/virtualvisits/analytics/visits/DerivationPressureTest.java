package org.virtualvisits.analytics.visits;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Decision 0013's balance between storing batches and deriving them, on a clock the test moves. */
class DerivationPressureTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicLong pausedMillis = new AtomicLong();

    /** batch size 2, yield-lag 1 s, max-lag 30 s, max-throttle 10 s. */
    private final DerivationPressure pressure = new DerivationPressure(
            new DerivationProperties(1, 2, null, null, null, Duration.ofSeconds(1), Duration.ofSeconds(30),
                    Duration.ofSeconds(10)),
            new SimpleMeterRegistry(), Clock.fixed(NOW, ZoneOffset.UTC), nanos::get, millis -> {
                pausedMillis.addAndGet(millis);
                advance(Duration.ofMillis(millis));
            });

    @Test
    void theLagIsTheOldestClaimedEntrysWaitAndAgesUntilTheNextRound() {
        assertThat(pressure.lag()).isZero();
        pressure.roundDone(2, NOW.minusSeconds(60)); // a full round: older work may be left
        assertThat(pressure.lag()).isEqualTo(Duration.ofSeconds(60));
        advance(Duration.ofMillis(1500));
        assertThat(pressure.lag()).isEqualTo(Duration.ofMillis(61_500));
        pressure.roundDone(1, NOW.minusSeconds(60)); // a partial round emptied the queue
        assertThat(pressure.lag()).isZero();
        pressure.roundDone(2, null);
        assertThat(pressure.lag()).isZero();
    }

    @Test
    void batchesWaitWhileTheDerivationIsFarBehindAtMostMaxThrottleAndNotOnceItCaughtUp() {
        pressure.roundDone(2, NOW.minusSeconds(60));
        assertThat(pressure.awaitCatchUp()).isEqualTo(Duration.ofSeconds(10));
        assertThat(pausedMillis.get()).isEqualTo(10_000);

        pressure.roundDone(2, NOW.minusSeconds(29)); // behind, but within max-lag
        assertThat(pressure.awaitCatchUp()).isZero();
        pressure.roundDone(0, null);
        assertThat(pressure.awaitCatchUp()).isZero();
    }

    @Test
    void aHeldBatchGoesOnAsSoonAsARoundCatchesUp() {
        DerivationPressure[] caughtUpAfterOnePause = new DerivationPressure[1];
        caughtUpAfterOnePause[0] = new DerivationPressure(
                new DerivationProperties(1, 2, null, null, null, null, Duration.ofSeconds(30), Duration.ofSeconds(10)),
                new SimpleMeterRegistry(), Clock.fixed(NOW, ZoneOffset.UTC), nanos::get, millis -> {
                    advance(Duration.ofMillis(millis));
                    caughtUpAfterOnePause[0].roundDone(0, null); // a round meanwhile emptied the queue
                });
        caughtUpAfterOnePause[0].roundDone(2, NOW.minusSeconds(60));
        assertThat(caughtUpAfterOnePause[0].awaitCatchUp()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void theDerivationPausesOnlyWhileSeveralBatchesAreStoredAndItIsBehindButNotMaxLagBehind() {
        pressure.roundDone(2, NOW.minusSeconds(5));
        assertThat(pressure.shouldYield()).as("no batch in flight").isFalse();
        pressure.storingStarted();
        assertThat(pressure.shouldYield()).as("one sender leaves CPU to spare").isFalse();
        pressure.storingStarted();
        assertThat(pressure.shouldYield()).as("two batches in flight, 5 s behind").isTrue();
        assertThat(pressure.awaitCatchUp()).as("no back-pressure below max-lag").isZero();

        pressure.storingFinished();
        assertThat(pressure.keepYielding()).as("two were stored at once just now").isTrue();
        advance(DerivationPressure.QUIET.plusMillis(1));
        assertThat(pressure.keepYielding()).as("one sender left for longer than the quiet time").isFalse();
        pressure.storingFinished();

        pressure.roundDone(2, NOW.minusMillis(500));
        pressure.storingStarted();
        pressure.storingStarted();
        assertThat(pressure.keepYielding()).isTrue();
        assertThat(pressure.shouldYield()).as("only 0.5 s behind: below yield-lag").isFalse();

        pressure.roundDone(2, NOW.minusSeconds(60));
        assertThat(pressure.shouldYield()).as("60 s behind").isFalse();
        assertThat(pressure.keepYielding()).as("60 s behind").isFalse();
        assertThat(pressure.awaitCatchUp()).as("back-pressure").isPositive();

        pressure.roundDone(0, null);
        assertThat(pressure.shouldYield()).as("caught up").isFalse();
    }

    @Test
    void aStoppedDerivationHoldsNoBatch() {
        pressure.roundDone(2, NOW.minusSeconds(60));
        pressure.derivationStopped();
        assertThat(pressure.lag()).isZero();
        assertThat(pressure.awaitCatchUp()).isZero();
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
