package io.serialgate.client.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.serialgate.client.ExitCode;
import org.junit.jupiter.api.Test;

class CloseCodesTest {

    @Test
    void mapsCloseCodesToExitCodes() {
        assertThat(CloseCodes.exitCode(1000)).isEqualTo(ExitCode.OK);
        assertThat(CloseCodes.exitCode(1005)).isEqualTo(ExitCode.OK);
        assertThat(CloseCodes.exitCode(1001)).isEqualTo(ExitCode.SERVER_ERROR);
        assertThat(CloseCodes.exitCode(1006)).isEqualTo(ExitCode.NETWORK);
        assertThat(CloseCodes.exitCode(1008)).isEqualTo(ExitCode.AUTH);
        assertThat(CloseCodes.exitCode(1011)).isEqualTo(ExitCode.SERVER_ERROR);
        assertThat(CloseCodes.exitCode(4401)).isEqualTo(ExitCode.AUTH);
        assertThat(CloseCodes.exitCode(4403)).isEqualTo(ExitCode.AUTH);
        assertThat(CloseCodes.exitCode(4404)).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(CloseCodes.exitCode(4409)).isEqualTo(ExitCode.CONFLICT);
        assertThat(CloseCodes.exitCode(4503)).isEqualTo(ExitCode.SERVER_ERROR);
        assertThat(CloseCodes.exitCode(4000)).isEqualTo(ExitCode.SERVER_ERROR);
    }
}
