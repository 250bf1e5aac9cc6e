package io.newsloom.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** CPU time and memory of a process (and, for PostgreSQL, its children) from /proc. */
final class ProcStats {

    /**
     * Cumulative CPU in clock ticks, resident set now and at its peak, in kB, and the CPU of the JVM's JIT compiler
     * threads (part of cpuTicks; 0 for a process that is no JVM).
     */
    record Usage(long cpuTicks, long rssKb, long hwmKb, long jitTicks) {
        static final Usage NONE = new Usage(0, 0, 0, 0);

        Usage plus(Usage o) {
            return new Usage(cpuTicks + o.cpuTicks, rssKb + o.rssKb, hwmKb + o.hwmKb, jitTicks + o.jitTicks);
        }
    }

    private ProcStats() {
    }

    /** utime + stime of a /proc/PID/stat line (fields 14 and 15; the command name may hold spaces). */
    static long cpuTicks(String statLine) {
        String[] f = statLine.substring(statLine.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** The parent pid of a /proc/PID/stat line. */
    static int parentPid(String statLine) {
        return Integer.parseInt(statLine.substring(statLine.lastIndexOf(')') + 2).split(" ")[1]);
    }

    /** A "Name: value kB" field of /proc/PID/status or smaps_rollup; 0 when absent. */
    static long kb(String text, String field) {
        for (String line : text.split("\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }

    /** One process; {@link Usage#NONE} when it is gone. */
    static Usage of(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
            String status = Files.readString(Path.of("/proc", Integer.toString(pid), "status"));
            return new Usage(cpuTicks(stat), kb(status, "VmRSS"), kb(status, "VmHWM"), jitTicks(pid));
        } catch (IOException | RuntimeException e) {
            return Usage.NONE;
        }
    }

    /** CPU of the threads HotSpot names "C1 CompilerThread..." and "C2 CompilerThread..." (cut to 15 characters). */
    static long jitTicks(int pid) {
        long sum = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Integer.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        sum += cpuTicks(stat);
                    }
                } catch (IOException | RuntimeException e) {
                    // a thread that just ended
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return sum;
    }

    /**
     * A process and its children, memory as proportional set size (shared pages split among the processes that map
     * them): PostgreSQL's backends all map the shared buffers, so adding their resident sets would count those once
     * per backend. The peak is not tracked per child; the caller keeps the largest sum it saw.
     */
    static Usage tree(int root) {
        Usage sum = Usage.NONE;
        for (int pid : withChildren(root)) {
            try {
                String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
                String rollup = Files.readString(Path.of("/proc", Integer.toString(pid), "smaps_rollup"));
                long pss = kb(rollup, "Pss");
                sum = sum.plus(new Usage(cpuTicks(stat), pss, pss, 0));
            } catch (IOException | RuntimeException e) {
                // a backend that just ended
            }
        }
        return sum;
    }

    private static List<Integer> withChildren(int root) {
        List<Integer> out = new ArrayList<>();
        out.add(root);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .forEach(n -> {
                        try {
                            if (parentPid(Files.readString(Path.of("/proc", n, "stat"))) == root) {
                                out.add(Integer.parseInt(n));
                            }
                        } catch (IOException | RuntimeException e) {
                            // gone meanwhile
                        }
                    });
        } catch (IOException e) {
            // no /proc: only the root
        }
        return out;
    }
}
