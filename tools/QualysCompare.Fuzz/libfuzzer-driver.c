/*
 * The native half of coverage-guided fuzzing for QualysCompare (tools/Invoke-Fuzz.ps1).
 *
 * libFuzzer lives in this process and needs a C entry point; the code under test is .NET and runs
 * in one child process, started once, that calls SharpFuzz's Fuzzer.LibFuzzer.Run. They talk the
 * way SharpFuzz expects:
 *   - a System V shared memory segment, named to the child by __LIBFUZZER_SHM_ID, holds the
 *     coverage map the instrumented engine writes (64 KB), then the input (up to 1 MB);
 *   - the child reads each input's length (a 32-bit integer) from file descriptor 198 and writes
 *     its outcome (a 32-bit integer, 0 when the input ran without an exception) to 199, after one
 *     integer at start-up to say it is ready.
 * After each input the coverage map is copied into libFuzzer's "extra counters" section, which
 * is how libFuzzer learns which inputs reach new code in the child.
 *
 * Build: clang-14 -O1 -fsanitize=fuzzer libfuzzer-driver.c -o libfuzzer-driver
 * Run:   libfuzzer-driver --target_path=<QualysCompare.Fuzz apphost> [libFuzzer flags] <corpus>
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/types.h>
#include <unistd.h>

enum
{
    COVERAGE_BYTES = 1 << 16,
    INPUT_BYTES = 1 << 20,
    TARGET_INPUT_FD = 198,
    TARGET_OUTCOME_FD = 199,
};

/* libFuzzer reads this section after every call of LLVMFuzzerTestOneInput. */
__attribute__((used, section("__libfuzzer_extra_counters"))) static uint8_t extra_counters[COVERAGE_BYTES];

static uint8_t *shared;
static int shared_id = -1;
static int to_target = -1;
static int from_target = -1;

static void give_up(const char *what)
{
    fprintf(stderr, "libfuzzer-driver: %s: %s\n", what, strerror(errno));
    exit(1);
}

static void remove_shared_memory(void)
{
    if (shared_id >= 0) shmctl(shared_id, IPC_RMID, NULL);
}

/* 1 when all of the bytes moved, 0 when the other end has gone (end of file or a broken pipe). */
static int move_all(int fd, void *bytes, size_t count, int writing)
{
    uint8_t *at = bytes;
    while (count > 0)
    {
        ssize_t moved = writing ? write(fd, at, count) : read(fd, at, count);
        if (moved < 0 && errno == EINTR) continue;
        if (moved < 0 && errno == EPIPE) return 0;
        if (moved < 0) give_up(writing ? "write to the target" : "read from the target");
        if (moved == 0) return 0;
        at += moved;
        count -= (size_t)moved;
    }
    return 1;
}

/* The value of --name=value among the command line arguments, or NULL. */
static const char *flag_value(int argc, char **argv, const char *name)
{
    size_t length = strlen(name);
    for (int i = 1; i < argc; i++)
    {
        if (strncmp(argv[i], name, length) == 0 && argv[i][length] == '=' && argv[i][length + 1] != '\0')
            return argv[i] + length + 1;
    }
    return NULL;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *target = flag_value(*argc, *argv, "--target_path");
    const char *target_arg = flag_value(*argc, *argv, "--target_arg");
    if (target == NULL)
    {
        fprintf(stderr, "libfuzzer-driver: give the .NET target with --target_path=<path>\n");
        exit(1);
    }

    int inputs[2], outcomes[2];
    if (pipe(inputs) != 0 || pipe(outcomes) != 0) give_up("pipe");

    shared_id = shmget(IPC_PRIVATE, COVERAGE_BYTES + INPUT_BYTES, IPC_CREAT | IPC_EXCL | 0600);
    if (shared_id < 0) give_up("shmget");
    atexit(remove_shared_memory);
    shared = shmat(shared_id, NULL, 0);
    if (shared == (void *)-1) give_up("shmat");

    pid_t child = fork();
    if (child < 0) give_up("fork");
    if (child == 0)
    {
        if (dup2(inputs[0], TARGET_INPUT_FD) < 0 || dup2(outcomes[1], TARGET_OUTCOME_FD) < 0) give_up("dup2");
        close(inputs[0]);
        close(inputs[1]);
        close(outcomes[0]);
        close(outcomes[1]);

        char id[16];
        snprintf(id, sizeof id, "%d", shared_id);
        if (setenv("__LIBFUZZER_SHM_ID", id, 1) != 0
            || setenv("__LIBFUZZER_CONTROL_PIPE_ID", "198", 1) != 0
            || setenv("__LIBFUZZER_STATUS_PIPE_ID", "199", 1) != 0)
            give_up("setenv");

        if (target_arg != NULL) execlp(target, target, target_arg, (char *)NULL);
        else execlp(target, target, (char *)NULL);
        give_up("cannot start the target");
    }

    close(inputs[0]);
    close(outcomes[1]);
    to_target = inputs[1];
    from_target = outcomes[0];
    /* A target that dies makes the next write fail with EPIPE instead of killing this process. */
    signal(SIGPIPE, SIG_IGN);

    int32_t ready;
    if (!move_all(from_target, &ready, sizeof ready, 0))
    {
        fprintf(stderr, "libfuzzer-driver: %s ended before it was ready\n", target);
        exit(1);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* -max_len keeps inputs within the shared memory; anything larger is not run. */
    if (size > INPUT_BYTES) return 0;

    memset(shared, 0, COVERAGE_BYTES);
    memcpy(shared + COVERAGE_BYTES, data, size);

    int32_t length = (int32_t)size;
    int32_t outcome;
    if (!move_all(to_target, &length, sizeof length, 1) || !move_all(from_target, &outcome, sizeof outcome, 0))
    {
        /* No outcome at all: the runtime itself died (stack overflow, out of memory). The input
           is as much a crash as one that threw, so libFuzzer keeps it the same way. */
        fprintf(stderr, "libfuzzer-driver: the .NET target process ended while running this input\n");
        __builtin_trap();
    }

    memcpy(extra_counters, shared, COVERAGE_BYTES);
    if (outcome != 0) __builtin_trap();
    return 0;
}
