package io.keyward.station.enrollment;

/** Hands the time since the previous step to {@link Enrollment.Timings}. */
final class Stopwatch {

    private final Enrollment.Timings timings;
    private long last = System.nanoTime();

    Stopwatch(Enrollment.Timings timings) {
        this.timings = timings;
    }

    void step(String name) {
        long now = System.nanoTime();
        timings.step(name, now - last);
        last = now;
    }
}
