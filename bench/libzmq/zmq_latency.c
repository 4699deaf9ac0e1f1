/*
 * REQ/REP round-trip latency over libzmq, for comparison with the Java bench's `latency` case.
 *
 *   zmq_latency rep ENDPOINT            binds a REP, prints the bound endpoint, echoes until it receives
 *                                       an empty message, then prints its CPU time in microseconds
 *   zmq_latency req ENDPOINT SIZE N W   connects a REQ, makes W warm-up and N timed round trips of SIZE
 *                                       bytes, sends the empty stop message, and prints one line:
 *                                       mean_us p50_us p99_us (timed round trips) and cpu_us (this process,
 *                                       all W + N + 1 round trips)
 *
 * Build: gcc -O2 -o zmq_latency zmq_latency.c -lzmq   (Debian: libzmq3-dev)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <zmq.h>

static double cpu_us(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e6 + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int compare(const void *a, const void *b) {
    long long x = *(const long long *) a, y = *(const long long *) b;
    return x < y ? -1 : x > y;
}

static void check(int rc, const char *what) {
    if (rc < 0) {
        fprintf(stderr, "%s: %s\n", what, zmq_strerror(zmq_errno()));
        exit(1);
    }
}

static int echo(const char *endpoint) {
    void *context = zmq_ctx_new();
    void *rep = zmq_socket(context, ZMQ_REP);
    check(zmq_bind(rep, endpoint), "bind");
    char bound[256];
    size_t length = sizeof bound;
    check(zmq_getsockopt(rep, ZMQ_LAST_ENDPOINT, bound, &length), "getsockopt");
    printf("%s\n", bound);
    fflush(stdout);
    char *buffer = malloc(1 << 20);
    while (1) {
        int size = zmq_recv(rep, buffer, 1 << 20, 0);
        check(size, "recv");
        check(zmq_send(rep, buffer, size, 0), "send");
        if (size == 0) {
            break;
        }
    }
    printf("%.0f\n", cpu_us());
    zmq_close(rep);
    zmq_ctx_term(context);
    return 0;
}

static int ask(const char *endpoint, int size, int count, int warmup) {
    void *context = zmq_ctx_new();
    void *req = zmq_socket(context, ZMQ_REQ);
    check(zmq_connect(req, endpoint), "connect");
    char *message = calloc(1, size > 0 ? size : 1);
    char *reply = malloc(size + 1);
    long long *times = malloc(sizeof(long long) * count);
    for (int i = -warmup; i < count; i++) {
        long long start = now_ns();
        check(zmq_send(req, message, size, 0), "send");
        check(zmq_recv(req, reply, size + 1, 0), "recv");
        if (i >= 0) {
            times[i] = now_ns() - start;
        }
    }
    check(zmq_send(req, "", 0, 0), "send stop");
    check(zmq_recv(req, reply, 1, 0), "recv stop");
    double cpu = cpu_us();
    long long total = 0;
    for (int i = 0; i < count; i++) {
        total += times[i];
    }
    qsort(times, count, sizeof(long long), compare);
    printf("%.3f %.3f %.3f %.0f\n", total / 1e3 / count, times[count / 2] / 1e3, times[(int) (count * 0.99)] / 1e3,
            cpu);
    zmq_close(req);
    zmq_ctx_term(context);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "rep") == 0) {
        return echo(argv[2]);
    }
    if (argc == 6 && strcmp(argv[1], "req") == 0) {
        return ask(argv[2], atoi(argv[3]), atoi(argv[4]), atoi(argv[5]));
    }
    fprintf(stderr, "usage: zmq_latency rep ENDPOINT | req ENDPOINT SIZE COUNT WARMUP\n");
    return 2;
}
