package io.serialgate.api.core;

import io.serialgate.api.auth.Caller;
import io.serialgate.common.error.InvalidInputException;

/**
 * Which project's servers a request may see and where a new server goes. A member is held to
 * its own project; an admin sees every project, or the one named in the URL.
 */
public record ProjectScope(String visibleProject, String owningProject) {

    /** @param urlProjectId the {@code {tenant_id}} of the URL, or null when the URL has none */
    public static ProjectScope of(Caller caller, String urlProjectId) {
        if (urlProjectId != null) {
            if (!caller.isAdmin() && !urlProjectId.equals(caller.projectId())) {
                // Nova's words for the same mistake.
                throw new InvalidInputException("project_mismatch", "Malformed request URL: URL's project_id '"
                        + urlProjectId + "' doesn't match Context's project_id '" + caller.projectId() + "'");
            }
            return new ProjectScope(urlProjectId, urlProjectId);
        }
        return new ProjectScope(caller.isAdmin() ? null : caller.projectId(), caller.projectId());
    }

    /** True if every project is visible (an admin without a project in the URL). */
    public boolean allProjects() {
        return visibleProject == null;
    }

    public boolean sees(Server server) {
        return visibleProject == null || visibleProject.equals(server.projectId());
    }
}
