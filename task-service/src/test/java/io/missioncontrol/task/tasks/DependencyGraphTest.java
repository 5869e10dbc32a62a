package io.missioncontrol.task.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.missioncontrol.task.tasks.DependencyGraph.Edge;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

    private final UUID a = id("a");
    private final UUID b = id("b");
    private final UUID c = id("c");
    private final UUID d = id("d");
    private final UUID e = id("e");

    @Test
    void aTaskCannotDependOnItself() {
        assertThat(new DependencyGraph(List.of()).cycleThrough(a, List.of(b, a))).contains(List.of(a, a));
    }

    @Test
    void refusesATwoTaskCycle() {
        var graph = new DependencyGraph(List.of(new Edge(b, a)));
        assertThat(graph.cycleThrough(a, List.of(b))).contains(List.of(a, b, a));
    }

    @Test
    void namesALongCycleInDependencyOrder() {
        // b -> c -> d -> a already (and a -> e, which stays); a -> b would close the loop.
        var graph = new DependencyGraph(List.of(new Edge(b, c), new Edge(c, d), new Edge(d, a), new Edge(a, e)));
        assertThat(graph.cycleThrough(a, List.of(e, b))).contains(List.of(a, b, c, d, a));
    }

    @Test
    void reportsAShortestCycleWhenThereAreSeveral() {
        var graph = new DependencyGraph(List.of(new Edge(b, c), new Edge(c, d), new Edge(d, a), new Edge(b, a)));
        assertThat(graph.cycleThrough(a, List.of(b))).contains(List.of(a, b, a));
    }

    @Test
    void acceptsDiamondsAndSharedDependencies() {
        // a -> b, a -> c, b -> d, c -> d: d is reached twice, which is no cycle.
        var graph = new DependencyGraph(List.of(new Edge(b, d), new Edge(c, d)));
        assertThat(graph.cycleThrough(a, List.of(b, c))).isEmpty();
        assertThat(graph.cycleThrough(e, List.of(a, d))).isEmpty();
    }

    @Test
    void theTasksCurrentEdgesCountAsReplaced() {
        // a -> b -> c today; giving c the dependency a closes a -> b -> c -> a, giving a the dependency c does not.
        var graph = new DependencyGraph(List.of(new Edge(a, b), new Edge(b, c)));
        assertThat(graph.cycleThrough(c, List.of(a))).contains(List.of(c, a, b, c));
        assertThat(graph.cycleThrough(a, List.of(c))).isEmpty();
        assertThat(graph.cycleThrough(a, List.of())).isEmpty();
    }

    @Test
    void searchesALargeChainLinearly() {
        List<Edge> chain = new ArrayList<>();
        List<UUID> nodes = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            nodes.add(UUID.randomUUID());
        }
        for (int i = 0; i + 1 < nodes.size(); i++) {
            chain.add(new Edge(nodes.get(i), nodes.get(i + 1)));
            // Every node also depends on the one two ahead: many paths, one visit each.
            if (i + 2 < nodes.size()) {
                chain.add(new Edge(nodes.get(i), nodes.get(i + 2)));
            }
        }
        var graph = new DependencyGraph(chain);
        UUID last = nodes.get(nodes.size() - 1);
        assertThat(graph.cycleThrough(last, List.of(nodes.get(0)))).hasValueSatisfying(cycle -> {
            assertThat(cycle.get(0)).isEqualTo(last);
            assertThat(cycle.get(cycle.size() - 1)).isEqualTo(last);
            assertThat(cycle.size()).isLessThan(nodes.size() / 2 + 3);
        });
    }

    private static UUID id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes());
    }
}
