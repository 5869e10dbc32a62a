package io.missioncontrol.task.tasks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One organization's dependency edges, held in memory to refuse a change that would close a cycle.
 *
 * <p>Why in memory rather than a recursive CTE: the refusal must name the cycle, and a CTE that carries paths
 * enumerates every path between two tasks, which grows exponentially on graphs with many shared dependencies
 * (diamonds); a search with a visited set is linear in the edges. The organization's edges load with one indexed
 * query while the service holds the organization's graph lock, so the graph searched is the graph written.
 */
final class DependencyGraph {

    /** A dependency edge: {@code task} cannot start before {@code dependsOn} is done. */
    record Edge(UUID task, UUID dependsOn) {
    }

    private final Map<UUID, Set<UUID>> dependencies = new HashMap<>();

    DependencyGraph(Collection<Edge> edges) {
        edges.forEach(edge -> dependencies.computeIfAbsent(edge.task(), key -> new LinkedHashSet<>()).add(edge.dependsOn()));
    }

    /**
     * The cycle that giving {@code task} exactly the dependencies {@code proposed} would close, as the ids in
     * dependency order from {@code task} back to {@code task} ({@code [a, b, c, a]}: a depends on b, b on c, c on a);
     * a task depending on itself is {@code [a, a]}. Empty when the graph stays acyclic.
     *
     * <p>Only the task's own edges change, so a new cycle must pass through it: the search looks for a path from a
     * proposed dependency back to the task. It is breadth-first, so the cycle reported is a shortest one, and the
     * task's current edges are never followed (the search stops on reaching the task), so they count as replaced.
     */
    Optional<List<UUID>> cycleThrough(UUID task, Collection<UUID> proposed) {
        if (proposed.contains(task)) {
            return Optional.of(List.of(task, task));
        }
        // Nodes reached from an earlier start that did not lead back need no second visit: shared across starts.
        Map<UUID, UUID> reachedFrom = new HashMap<>();
        for (UUID start : proposed) {
            if (reachedFrom.containsKey(start)) {
                continue;
            }
            reachedFrom.put(start, null);
            var queue = new ArrayDeque<UUID>(List.of(start));
            while (!queue.isEmpty()) {
                UUID current = queue.removeFirst();
                for (UUID next : dependencies.getOrDefault(current, Set.of())) {
                    if (next.equals(task)) {
                        return Optional.of(cycle(task, current, reachedFrom));
                    }
                    if (!reachedFrom.containsKey(next)) {
                        reachedFrom.put(next, current);
                        queue.addLast(next);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static List<UUID> cycle(UUID task, UUID last, Map<UUID, UUID> reachedFrom) {
        List<UUID> path = new ArrayList<>();
        for (UUID node = last; node != null; node = reachedFrom.get(node)) {
            path.add(node);
        }
        Collections.reverse(path);
        List<UUID> cycle = new ArrayList<>(path.size() + 2);
        cycle.add(task);
        cycle.addAll(path);
        cycle.add(task);
        return List.copyOf(cycle);
    }
}
