package io.serialgate.client.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.serialgate.client.ExitCode;
import org.junit.jupiter.api.Test;

class CloseCodesTest {

    @Test
    void mapsCloseCodesToExitCodes() {
        assertThat(CloseCodes.exitCode(1000)).isEqualTo(ExitCode.OK);
        assertThat(CloseCodes.exitCode(1005)).isEqualTo(ExitCode.OK);
        assertThat(CloseCodes.exitCode(1001)).isEqualTo(ExitCode.ENDED);
        assertThat(CloseCodes.exitCode(1006)).isEqualTo(ExitCode.NETWORK);
        assertThat(CloseCodes.exitCode(1008)).isEqualTo(ExitCode.AUTH);
        assertThat(CloseCodes.exitCode(1011)).isEqualTo(ExitCode.SERVER_ERROR);
        assertThat(CloseCodes.exitCode(4401)).isEqualTo(ExitCode.AUTH);
        assertThat(CloseCodes.exitCode(4403)).isEqualTo(ExitCode.AUTH);
        assertThat(CloseCodes.exitCode(4404)).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(CloseCodes.exitCode(4409)).isEqualTo(ExitCode.CONFLICT);
        assertThat(CloseCodes.exitCode(4503)).isEqualTo(ExitCode.SERVER_ERROR);
        assertThat(CloseCodes.exitCode(4999)).isEqualTo(ExitCode.SERVER_ERROR);
    }

    @Test
    void mapsSerialproxysOwnCodesToWhatTheyMean() {
        assertThat(CloseCodes.exitCode(4000)).as("idle timeout").isEqualTo(ExitCode.ENDED);
        assertThat(CloseCodes.exitCode(4001)).as("disconnected by administrator").isEqualTo(ExitCode.CONFLICT);
        assertThat(CloseCodes.exitCode(4002)).as("console closed by its writer").isEqualTo(ExitCode.CONFLICT);
        assertThat(CloseCodes.exitCode(4003)).as("viewer too slow").isEqualTo(ExitCode.ENDED);
        assertThat(CloseCodes.exitCode(4004)).as("token expired").isEqualTo(ExitCode.AUTH);
        assertThat(CloseCodes.exitCode(4005)).as("session lease lost").isEqualTo(ExitCode.ENDED);
    }

    @Test
    void theProxysReasonWinsAndAMissingOneIsExplained() {
        assertThat(CloseCodes.reason(4000, "idle for 600 s")).isEqualTo("idle for 600 s");
        assertThat(CloseCodes.reason(4000, "")).isEqualTo("idle timeout");
        assertThat(CloseCodes.reason(4004, null)).isEqualTo("token expired");
        assertThat(CloseCodes.reason(4999, " ")).isEqualTo("no reason given");
    }
}
