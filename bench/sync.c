/* Synchronization costs, as one C source built for Windows (run under sill or
 * Wine) and for Linux with pthreads (the native baseline):
 *   critical section (pthread mutex) enter/leave, uncontended
 *   event ping-pong between two threads (one round trip = two wake-ups)
 *   a wait on 16 handles, one of them signaled (native: a condition variable over 16 flags)
 *   thread create + join
 * Prints one line per measurement: "<name> <nanoseconds per operation>". */
#include <stdio.h>
#include <string.h>

enum { kEnterLeave = 5000000, kPingPong = 20000, kWaits = 200000, kThreads = 2000 };

#ifdef _WIN32
#include <windows.h>
static double now_ns(void)
{
    LARGE_INTEGER c, f;
    QueryPerformanceCounter(&c);
    QueryPerformanceFrequency(&f);
    return (double)c.QuadPart * 1e9 / (double)f.QuadPart;
}

static CRITICAL_SECTION cs;
static double bench_enter_leave(void)
{
    InitializeCriticalSection(&cs);
    double t = now_ns();
    for (int i = 0; i < kEnterLeave; i++) {
        EnterCriticalSection(&cs);
        LeaveCriticalSection(&cs);
    }
    return (now_ns() - t) / kEnterLeave;
}

static HANDLE ping, pong;
static DWORD WINAPI ponger(void *arg)
{
    for (int i = 0; i < kPingPong; i++) {
        WaitForSingleObject(ping, INFINITE);
        SetEvent(pong);
    }
    return 0;
}
static double bench_ping_pong(void)
{
    ping = CreateEventA(NULL, FALSE, FALSE, NULL);
    pong = CreateEventA(NULL, FALSE, FALSE, NULL);
    HANDLE t = CreateThread(NULL, 0, ponger, NULL, 0, NULL);
    double start = now_ns();
    for (int i = 0; i < kPingPong; i++) {
        SetEvent(ping);
        WaitForSingleObject(pong, INFINITE);
    }
    double ns = (now_ns() - start) / kPingPong;
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    return ns;
}

static double bench_wait_many(void)
{
    HANDLE h[16];
    for (int i = 0; i < 16; i++) h[i] = CreateEventA(NULL, TRUE, i == 15, NULL);
    double t = now_ns();
    for (int i = 0; i < kWaits; i++)
        if (WaitForMultipleObjects(16, h, FALSE, INFINITE) != WAIT_OBJECT_0 + 15) return -1;
    return (now_ns() - t) / kWaits;
}

static DWORD WINAPI nothing(void *arg) { return 0; }
static double bench_threads(void)
{
    double t = now_ns();
    for (int i = 0; i < kThreads; i++) {
        HANDLE th = CreateThread(NULL, 0, nothing, NULL, 0, NULL);
        WaitForSingleObject(th, INFINITE);
        CloseHandle(th);
    }
    return (now_ns() - t) / kThreads;
}
#else
#include <pthread.h>
#include <time.h>
static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static pthread_mutex_t mutex;
static double bench_enter_leave(void)
{
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);  /* critical sections are recursive */
    pthread_mutex_init(&mutex, &a);
    double t = now_ns();
    for (int i = 0; i < kEnterLeave; i++) {
        pthread_mutex_lock(&mutex);
        pthread_mutex_unlock(&mutex);
    }
    return (now_ns() - t) / kEnterLeave;
}

/* An auto-reset event: a flag under a mutex with a condition variable. */
struct event { pthread_mutex_t m; pthread_cond_t c; int set; };
static void ev_init(struct event *e) { pthread_mutex_init(&e->m, NULL); pthread_cond_init(&e->c, NULL); e->set = 0; }
static void ev_set(struct event *e) { pthread_mutex_lock(&e->m); e->set = 1; pthread_cond_signal(&e->c); pthread_mutex_unlock(&e->m); }
static void ev_wait(struct event *e)
{
    pthread_mutex_lock(&e->m);
    while (!e->set) pthread_cond_wait(&e->c, &e->m);
    e->set = 0;
    pthread_mutex_unlock(&e->m);
}
static struct event ping, pong;
static void *ponger(void *arg)
{
    for (int i = 0; i < kPingPong; i++) {
        ev_wait(&ping);
        ev_set(&pong);
    }
    return NULL;
}
static double bench_ping_pong(void)
{
    ev_init(&ping);
    ev_init(&pong);
    pthread_t t;
    pthread_create(&t, NULL, ponger, NULL);
    double start = now_ns();
    for (int i = 0; i < kPingPong; i++) {
        ev_set(&ping);
        ev_wait(&pong);
    }
    double ns = (now_ns() - start) / kPingPong;
    pthread_join(t, NULL);
    return ns;
}

static double bench_wait_many(void)
{
    pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t c = PTHREAD_COND_INITIALIZER;
    int flags[16] = {0};
    flags[15] = 1;
    double t = now_ns();
    for (int i = 0; i < kWaits; i++) {
        int found = -1;
        pthread_mutex_lock(&m);
        while (found < 0) {
            for (int k = 0; k < 16 && found < 0; k++)
                if (flags[k]) found = k;
            if (found < 0) pthread_cond_wait(&c, &m);
        }
        pthread_mutex_unlock(&m);
        if (found != 15) return -1;
    }
    return (now_ns() - t) / kWaits;
}

static void *nothing(void *arg) { return NULL; }
static double bench_threads(void)
{
    double t = now_ns();
    for (int i = 0; i < kThreads; i++) {
        pthread_t th;
        pthread_create(&th, NULL, nothing, NULL);
        pthread_join(th, NULL);
    }
    return (now_ns() - t) / kThreads;
}
#endif

int main(void)
{
    printf("enter_leave %.1f\n", bench_enter_leave());
    printf("event_ping_pong %.1f\n", bench_ping_pong());
    printf("wait_16_handles %.1f\n", bench_wait_many());
    printf("thread_create_join %.1f\n", bench_threads());
    return 0;
}
