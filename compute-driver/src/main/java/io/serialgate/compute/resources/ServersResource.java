package io.serialgate.compute.resources;

import io.serialgate.common.contract.ComputeActionsContract;
import io.serialgate.common.contract.ComputeConsoleLogContract;
import io.serialgate.common.contract.ComputeContract;
import io.serialgate.common.contract.ComputeInstance;
import io.serialgate.common.contract.ConsoleLog;
import io.serialgate.common.contract.SerialConsoleEndpoint;
import io.serialgate.common.contract.SpawnRequest;
import io.serialgate.common.error.InvalidInputException;
import io.serialgate.compute.core.ComputeDriver;
import io.serialgate.compute.core.ServerAction;
import io.serialgate.compute.core.SpawnRequestValidator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** The servers of this compute host and their serial consoles (internal API, see {@link ComputeContract}). */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class ServersResource {

    private final ComputeDriver driver;
    private final SpawnRequestValidator validator;

    public ServersResource(ComputeDriver driver, SpawnRequestValidator validator) {
        this.driver = driver;
        this.validator = validator;
    }

    @POST
    @Path(ComputeContract.SERVERS)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response spawn(SpawnRequest request) {
        ComputeInstance instance = driver.spawn(validator.validate(request));
        return Response.status(Response.Status.CREATED).entity(instance).build();
    }

    @GET
    @Path(ComputeContract.SERVERS)
    public List<ComputeInstance> list() {
        return driver.list();
    }

    @GET
    @Path(ComputeContract.SERVER)
    public ComputeInstance show(@PathParam("instance_uuid") String instanceUuid) {
        return driver.show(instanceUuid);
    }

    @DELETE
    @Path(ComputeContract.SERVER)
    public Response destroy(@PathParam("instance_uuid") String instanceUuid) {
        driver.destroy(instanceUuid);
        return Response.noContent().build();
    }

    /** Reboot, stop, start or rebuild; the server keeps every serial port's TCP port. */
    @POST
    @Path(ComputeActionsContract.SERVER_ACTION)
    @Consumes(MediaType.APPLICATION_JSON)
    public ComputeInstance act(@PathParam("instance_uuid") String instanceUuid, Map<String, Object> body) {
        return driver.act(instanceUuid, ServerAction.fromBody(body));
    }

    @GET
    @Path(ComputeContract.SERIAL_CONSOLE)
    public SerialConsoleEndpoint serialConsole(@PathParam("instance_uuid") String instanceUuid,
                                               @PathParam("port_index") String portIndex) {
        return driver.serialConsole(instanceUuid, parsePortIndex(portIndex));
    }

    @GET
    @Path(ComputeConsoleLogContract.CONSOLE_LOG)
    public ConsoleLog consoleLog(@PathParam("instance_uuid") String instanceUuid,
                                 @PathParam("port_index") String portIndex,
                                 @QueryParam(ComputeConsoleLogContract.LINES) String lines) {
        return driver.consoleLog(instanceUuid, parsePortIndex(portIndex), parseLines(lines));
    }

    private static int parseLines(String text) {
        if (text == null || text.isEmpty()) {
            return ComputeConsoleLogContract.DEFAULT_LINES;
        }
        try {
            int lines = Integer.parseInt(text);
            if (lines >= 1 && lines <= ComputeConsoleLogContract.MAX_LINES) {
                return lines;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidInputException("lines must be a whole number between 1 and "
                + ComputeConsoleLogContract.MAX_LINES + ", got '" + text + "'.");
    }

    /** Taken as text so "abc" or "-1" gets a 400 naming port_index rather than Jersey's bare 404. */
    private static int parsePortIndex(String text) {
        try {
            int index = Integer.parseInt(text);
            if (index < 0) {
                throw new InvalidInputException("port_index must not be negative, got " + index + ".");
            }
            return index;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("port_index must be a whole number, got '" + text + "'.");
        }
    }
}
