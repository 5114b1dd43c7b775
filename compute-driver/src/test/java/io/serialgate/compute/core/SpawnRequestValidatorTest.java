package io.serialgate.compute.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serialgate.common.contract.SpawnRequest;
import io.serialgate.common.error.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpawnRequestValidatorTest {

    private static final String UUID = "0b3c3f2e-8f55-4a0e-9a43-1f2b6c3d4e5f";
    private final SpawnRequestValidator validator = new SpawnRequestValidator(4);

    private InstanceSpec spec(Map<String, String> properties) {
        return validator.validate(new SpawnRequest(UUID, "vm1", properties));
    }

    @Test
    void oneSerialPortByDefault() {
        assertEquals(new InstanceSpec(UUID, "vm1", 1), spec(Map.of()));
        assertEquals(Map.of("os_distro", "debian"), spec(Map.of("os_distro", "debian")).imageProperties());
    }

    @Test
    void countFromHwSerialPortCountOrItsAlias() {
        assertEquals(3, spec(Map.of("hw_serial_port_count", "3")).serialPortCount());
        assertEquals(2, spec(Map.of("serial_ports", "2")).serialPortCount());
        assertEquals(4, spec(Map.of("hw_serial_port_count", "4", "serial_ports", "1")).serialPortCount());
    }

    @Test
    void badCountNamesTheProperty() {
        for (String bad : new String[] {"0", "5", "-1", "two", ""}) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> spec(Map.of("hw_serial_port_count", bad)));
            assertTrue(e.getMessage().contains("hw_serial_port_count"), e.getMessage());
            assertEquals("invalid_image_property", e.reason());
        }
        InvalidInputException alias = assertThrows(InvalidInputException.class,
                () -> spec(Map.of("serial_ports", "9")));
        assertTrue(alias.getMessage().contains("serial_ports"), alias.getMessage());
    }

    @Test
    void uuidAndNameAreRequired() {
        assertThrows(InvalidInputException.class, () -> validator.validate(null));
        assertThrows(InvalidInputException.class, () -> validator.validate(new SpawnRequest(null, "vm", null)));
        assertThrows(InvalidInputException.class, () -> validator.validate(new SpawnRequest("nope", "vm", null)));
        assertThrows(InvalidInputException.class, () -> validator.validate(new SpawnRequest("1-1-1-1-1", "vm", null)));
        assertThrows(InvalidInputException.class, () -> validator.validate(new SpawnRequest(UUID, " ", null)));
        assertThrows(InvalidInputException.class, () -> validator.validate(new SpawnRequest(UUID, "a\nb", null)));
    }

    @Test
    void uuidIsCanonicalised() {
        assertEquals(UUID, validator.validate(new SpawnRequest(UUID.toUpperCase(), "vm", null)).instanceUuid());
    }
}
