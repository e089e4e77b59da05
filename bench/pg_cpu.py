"""PostgreSQL's own CPU over a measurement window, from /proc (signin_bench.py --pg-db, docs/performance.md).

PostgreSQL runs one process per connection (a backend) and names it in its title, /proc/<pid>/cmdline:
    postgres: [cluster_name: ]USER DATABASE CLIENT(PORT) STATE       a backend of DATABASE
    postgres: [cluster_name: ]autovacuum worker DATABASE              autovacuum working on DATABASE
    postgres: [cluster_name: ]checkpointer | background writer | walwriter
The first two are the database's own CPU (`pg_cpu`); the last three write WAL and data pages for every database
of the server, so they are reported apart (`pg_shared_cpu`) and never added to one database's figure.

How exact it is. CPU is utime + stime from /proc/<pid>/stat, as for the JVM. Keyward's pool keeps its connections
(min-pool-size 0, max 30, closed after minutes idle), so under steady load the set of backends hardly changes, but
it can: the set is sampled every `period` seconds and each process (pid + start time, so a reused pid is another
process) counts from its first sample (or from 0 if it started inside the window) to its last. What escapes:
- a backend that exits inside the window loses the CPU it used after its last sample (at most `period` of it);
- a backend that starts and exits between two samples is not seen at all;
- the title is set once a connection has authenticated: the few milliseconds before are not attributed;
- each reading is truncated to a clock tick (10 ms): at most one tick per process and window.
The `appeared`/`gone` counts of the report say whether the first two happened. PostgreSQL on another machine or in
a container, or /proc mounted with hidepid, shows no titles: the report then carries a note instead of figures."""
import os, re, threading, time

TICK = os.sysconf("SC_CLK_TCK")
_TITLE = r"^postgres: (?:\S+: )?"
BACKEND = re.compile(_TITLE + r"(?P<user>\S+) (?P<db>\S+) (?:\S+\(\d+\)|\[local\])")
AUTOVACUUM = re.compile(_TITLE + r"autovacuum worker (?P<db>\S+)")
SHARED = re.compile(_TITLE + r"(?P<kind>checkpointer|background writer|walwriter)\s*$")


def _postgres_processes():
    """{(pid, start ticks): (title, ppid, cpu seconds)} for every process titled 'postgres: ...' we may read."""
    out = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/cmdline", "rb") as f:
                raw = f.read(200)
            if not raw.startswith(b"postgres: "):
                continue
            with open(f"/proc/{d}/stat") as f:
                s = f.read().rsplit(")", 1)[1].split()
        except OSError:                   # gone meanwhile, or not ours to read
            continue
        title = raw.split(b"\0", 1)[0].decode("utf-8", "replace").rstrip()
        out[(int(d), int(s[19]))] = (title, int(s[1]), (int(s[11]) + int(s[12])) / TICK)
    return out


def _kind(title, db):
    """'db' for the database's backends and autovacuum workers, 'shared' for the server-wide writers, else None."""
    m = BACKEND.match(title) or AUTOVACUUM.match(title)
    if m and m.group("db") == db:
        return "db"
    return "shared" if SHARED.match(title) else None


def visibility(db):
    """(measurable, message): measurable is False when no PostgreSQL process can be seen at all; message says what
    stands in the way, or None when backends of db are there."""
    procs = _postgres_processes()
    if not procs:
        return False, ("no PostgreSQL process is visible in /proc (PostgreSQL on another machine or in a container, "
                       "or /proc mounted with hidepid)")
    if not any(_kind(t, db) == "db" for t, _, _ in procs.values()):
        return True, f"PostgreSQL runs here, but no backend of database {db!r} is connected yet"
    return True, None


class PostgresCpu:
    """Samples the backends of one database and the shared writer processes during a window (start .. stop)."""

    def __init__(self, db, period=1.0):
        self.db, self.period = db, period
        self.first, self.last = {}, {}    # key -> (kind, cpu) at first and last sight
        self.at_start = set()
        self._stop = threading.Event()
        self._thread = None

    def _sample(self):
        """Reads every process once; returns the keys of the database's processes seen."""
        seen = set()
        for key, (title, _, cpu) in _postgres_processes().items():
            kind = _kind(title, self.db)
            if kind is None:
                continue
            if key not in self.first:
                # Started inside the window: all its CPU is the window's.
                self.first[key] = (kind, 0.0 if key[1] >= self.window_start_ticks else cpu)
            self.last[key] = (kind, cpu)
            if kind == "db":
                seen.add(key)
        return seen

    def start(self):
        with open("/proc/uptime") as f:
            self.window_start_ticks = float(f.read().split()[0]) * TICK
        self.at_start = self._sample()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.wait(self.period):
            self._sample()

    def stop(self):
        """CPU seconds of the window: {'db', 'shared', 'backends': {at_start, at_end, appeared, gone}}."""
        self._stop.set()
        self._thread.join()
        at_end = self._sample()
        cpu = {"db": 0.0, "shared": 0.0}
        for key, (kind, cpu1) in self.last.items():
            cpu[kind] += cpu1 - self.first[key][1]
        every = {k for k, (kind, _) in self.last.items() if kind == "db"}
        cpu["backends"] = {"at_start": len(self.at_start), "at_end": len(at_end),
                           "appeared": len(every - self.at_start), "gone": len(every - at_end)}
        return cpu
