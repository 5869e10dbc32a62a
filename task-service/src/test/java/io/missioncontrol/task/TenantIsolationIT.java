package io.missioncontrol.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Another organization's objects do not exist for you: every endpoint that takes an id answers 404, for a person
 * who is not a member and for another organization's agent alike, and nothing is changed.
 */
@ServiceTest
class TenantIsolationIT {

    @Autowired
    WebTestClient http;

    @Test
    void everyEndpointThatTakesAnIdAnswersNotFoundToOutsiders() {
        String admin = TestTokens.admin();
        String org = id(call(admin, HttpMethod.POST, "/api/organizations", Map.of("name", "Private")));
        String group = id(call(admin, HttpMethod.POST, "/api/board-groups", Map.of("organization_id", org, "name", "G")));
        String board = id(call(admin, HttpMethod.POST, "/api/boards", Map.of("board_group_id", group, "name", "B")));
        String task = id(call(admin, HttpMethod.POST, "/api/tasks", Map.of("board_id", board, "title", "Secret")));
        String other = id(call(admin, HttpMethod.POST, "/api/tasks", Map.of("board_id", board, "title", "Other")));
        String tag = id(call(admin, HttpMethod.POST, "/api/tags",
                Map.of("organization_id", org, "name", "secret", "color", "#ff0000")));
        Map<?, ?> member = call(admin, HttpMethod.POST, "/api/organizations/" + org + "/members",
                Map.of("subject", "insider", "role", "member"));
        call(admin, HttpMethod.POST, "/api/tasks/" + task + "/comments", Map.of("body", "hush"));

        List<String[]> endpoints = List.of(
                new String[] {"GET", "/api/organizations/" + org},
                new String[] {"PATCH", "/api/organizations/" + org},
                new String[] {"DELETE", "/api/organizations/" + org},
                new String[] {"GET", "/api/organizations/" + org + "/members"},
                new String[] {"POST", "/api/organizations/" + org + "/members"},
                new String[] {"PATCH", "/api/organizations/" + org + "/members/" + member.get("id")},
                new String[] {"DELETE", "/api/organizations/" + org + "/members/" + member.get("id")},
                new String[] {"GET", "/api/board-groups/" + group},
                new String[] {"PATCH", "/api/board-groups/" + group},
                new String[] {"DELETE", "/api/board-groups/" + group},
                new String[] {"GET", "/api/board-groups?organization_id=" + org},
                new String[] {"GET", "/api/boards/" + board},
                new String[] {"PATCH", "/api/boards/" + board},
                new String[] {"DELETE", "/api/boards/" + board},
                new String[] {"GET", "/api/boards?organization_id=" + org},
                new String[] {"GET", "/api/tasks/" + task},
                new String[] {"PATCH", "/api/tasks/" + task},
                new String[] {"DELETE", "/api/tasks/" + task},
                new String[] {"PUT", "/api/tasks/" + task + "/dependencies"},
                new String[] {"PUT", "/api/tasks/" + task + "/tags"},
                new String[] {"GET", "/api/tasks/" + task + "/comments"},
                new String[] {"POST", "/api/tasks/" + task + "/comments"},
                new String[] {"GET", "/api/tasks/" + task + "/approval"},
                new String[] {"GET", "/api/tasks?organization_id=" + org},
                new String[] {"GET", "/api/tags/" + tag},
                new String[] {"PATCH", "/api/tags/" + tag},
                new String[] {"DELETE", "/api/tags/" + tag},
                new String[] {"GET", "/api/tags?organization_id=" + org});
        // One well-formed body for every write, so that a refusal can only come from who is asking. (A PATCH of a
        // task refuses "dependencies" as a field of the wrong endpoint before it looks anything up: it goes only to
        // the dependencies endpoint.)
        Map<String, Object> body = Map.of("name", "Mine", "title", "Mine", "body", "mine", "role", "owner",
                "subject", "intruder", "color", "#000000", "tags", List.of(tag));
        Map<String, Object> dependencies = Map.of("dependencies", List.of(other));
        List<String> leaks = new ArrayList<>();
        for (String outsider : List.of(TestTokens.user("stranger-" + UUID.randomUUID()),
                TestTokens.agent(UUID.randomUUID(), UUID.randomUUID(), "tasks:read", "tasks:write"))) {
            for (String[] endpoint : endpoints) {
                int status = http.method(HttpMethod.valueOf(endpoint[0])).uri(endpoint[1])
                        .headers(h -> h.setBearerAuth(outsider)).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(endpoint[1].endsWith("/dependencies") ? dependencies : body)
                        .exchange().returnResult(String.class).getStatus().value();
                if (status != 404) {
                    leaks.add(endpoint[0] + " " + endpoint[1] + " -> " + status);
                }
            }
        }

        assertThat(leaks).as("endpoints that do not answer 404 to an outsider").isEmpty();
        assertThat(call(admin, HttpMethod.GET, "/api/tasks/" + task, null).get("title")).isEqualTo("Secret");
        assertThat(call(admin, HttpMethod.GET, "/api/organizations/" + org, null).get("name")).isEqualTo("Private");
    }

    private Map<?, ?> call(String token, HttpMethod method, String path, Map<String, ?> body) {
        var request = http.method(method).uri(path).headers(h -> h.setBearerAuth(token));
        var exchange = body == null ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
        return exchange.expectStatus().is2xxSuccessful().expectBody(Map.class).returnResult().getResponseBody();
    }

    private static String id(Map<?, ?> body) {
        return (String) body.get("id");
    }
}
