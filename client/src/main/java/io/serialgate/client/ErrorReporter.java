package io.serialgate.client;

import java.io.PrintStream;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The single place failures are shown: one line on stderr, prefixed with the program name, and
 * the exit code of {@link ExitCode}. Stack traces appear only with --debug.
 */
final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {

    private final PrintStream err;
    private final BooleanSupplier debug;

    ErrorReporter(PrintStream err, BooleanSupplier debug) {
        this.err = err;
        this.debug = debug;
    }

    /** Bad command line: what is wrong and where to read more. */
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        String command = e.getCommandLine().getCommandSpec().qualifiedName();
        String message = oneLine(e.getMessage()).replaceFirst("^Error: ", "");
        err.println(SerialgateClient.NAME + ": " + message + " (see '" + command + " --help')");
        if (debug.getAsBoolean() || argsAskForDebug(args)) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCode.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        if (e instanceof ParameterException parameterError) {
            return handleParseException(parameterError, parseResult.originalArgs().toArray(String[]::new));
        }
        int code;
        if (e instanceof ClientFailure failure) {
            err.println(SerialgateClient.NAME + ": " + oneLine(failure.getMessage()));
            code = failure.exitCode();
        } else {
            err.println(SerialgateClient.NAME + ": internal error: " + oneLine(String.valueOf(e))
                    + (debug.getAsBoolean() ? "" : " (rerun with --debug for details)"));
            code = ExitCode.INTERNAL;
        }
        if (debug.getAsBoolean()) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** The parse failed, so the --debug field may not be set; look at the raw arguments. */
    private static boolean argsAskForDebug(String[] args) {
        for (String arg : args) {
            if ("--debug".equals(arg)) {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
