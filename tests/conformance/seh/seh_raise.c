/* Structured exception handling without compiler support: RaiseException,
 * vectored exception and continue handlers, hardware faults continued at a
 * changed CONTEXT, __C_specific_handler scopes (__except filters and
 * __finally blocks written in assembly, see seh_asm.S), the unhandled-
 * exception filter, and the Rtl* unwinder entry points. */
#include <windows.h>

#include "seh_asm.h"
#include "tap.h"

#define CUSTOM_CODE 0xE0001234u

static int vectored_calls;
static EXCEPTION_RECORD last_record;
static char sequence[32];

static void note(char c)
{
    size_t n = strlen(sequence);
    if (n + 1 < sizeof sequence) sequence[n] = c, sequence[n + 1] = 0;
}

/* Continues CUSTOM_CODE exceptions; resumes faults of seh_asm.S at their _resume label. */
static LONG CALLBACK vectored(EXCEPTION_POINTERS* p)
{
    EXCEPTION_RECORD* r = p->ExceptionRecord;
    CONTEXT* c = p->ContextRecord;
    char* at = (char*)r->ExceptionAddress;
    ++vectored_calls;
    last_record = *r;
    note('V');
    if (r->ExceptionCode == CUSTOM_CODE) return EXCEPTION_CONTINUE_EXECUTION;
    if (at == av_write_8_fault) c->Rip = (DWORD64)av_write_8_resume;
    else if (at == av_read_16_fault) c->Rip = (DWORD64)av_read_16_resume;
    else if (at == divide_by_zero_fault) c->Rip = (DWORD64)divide_by_zero_resume;
    else if (at == breakpoint_fault && c->Rip == (DWORD64)breakpoint_fault) c->Rip = (DWORD64)breakpoint_resume;
    else if (at == returns_rax_fault) {
        c->Rip = (DWORD64)returns_rax_resume;
        c->Rax = 0x1234abcd;
    } else
        return EXCEPTION_CONTINUE_SEARCH;
    return EXCEPTION_CONTINUE_EXECUTION;
}

/* Registered to check the API; whether it runs after a vectored handler continues differs (Wine: no). */
static LONG CALLBACK continue_handler(EXCEPTION_POINTERS* p) { return EXCEPTION_CONTINUE_SEARCH; }

static LONG CALLBACK first_handler(EXCEPTION_POINTERS* p) { note('1'); return EXCEPTION_CONTINUE_SEARCH; }
static LONG CALLBACK last_handler(EXCEPTION_POINTERS* p) { note('2'); return EXCEPTION_CONTINUE_SEARCH; }

/* seh_asm.S's scope tables call these. */
static LONG filter_result;
static DWORD filter_code;
static int termination_calls;
static BOOLEAN termination_abnormal;

LONG seh_filter(EXCEPTION_POINTERS* p, void* frame)
{
    note('F');
    filter_code = p->ExceptionRecord->ExceptionCode;
    return filter_result;
}

void seh_termination(BOOLEAN abnormal, void* frame)
{
    note('T');
    ++termination_calls;
    termination_abnormal = abnormal;
}

static void raise_custom(void)
{
    ULONG_PTR args[2] = {11, 22};
    RaiseException(0xE0000077, 0, 2, args);
}
static void finally_around_raise(void) { try_finally(raise_custom); }
static void filter_around_raise(void) { try_except_filter(raise_custom); }
static void write_to_8(void) { av_write_8(); }

static LONG WINAPI top_filter(EXCEPTION_POINTERS* p)
{
    note('U');
    return p->ExceptionRecord->ExceptionCode == 0xE0000099 ? EXCEPTION_CONTINUE_EXECUTION : EXCEPTION_CONTINUE_SEARCH;
}

static __attribute__((noinline)) int in_function(DWORD64 pc, void* fn)
{
    DWORD64 base_pc = 0, base_fn = 0;
    PRUNTIME_FUNCTION a = RtlLookupFunctionEntry(pc, &base_pc, NULL);
    PRUNTIME_FUNCTION b = RtlLookupFunctionEntry((DWORD64)fn, &base_fn, NULL);
    return a && a == b && base_pc == base_fn;
}

static __attribute__((noinline)) DWORD64 unwind_one_frame(void)
{
    CONTEXT c;
    DWORD64 base = 0, frame = 0;
    void* data = NULL;
    RtlCaptureContext(&c);
    PRUNTIME_FUNCTION f = RtlLookupFunctionEntry(c.Rip, &base, NULL);
    if (!f) return 0;
    RtlVirtualUnwind(UNW_FLAG_NHANDLER, base, c.Rip, f, &c, &data, &frame, NULL);
    return c.Rip;  /* now the return address in our caller */
}
static __attribute__((noinline)) int unwind_caller(void) { return in_function(unwind_one_frame(), (void*)unwind_caller); }

static __attribute__((noinline)) int backtrace_here(void)
{
    void* frames[8] = {0};
    USHORT n = RtlCaptureStackBackTrace(0, 8, frames, NULL);
    return n >= 2 && in_function((DWORD64)frames[0], (void*)backtrace_here);
}

int main(void)
{
    /* RaiseException with a vectored handler that continues. */
    PVOID h = AddVectoredExceptionHandler(1, vectored);
    tap_ok(h != NULL, "AddVectoredExceptionHandler returns a handle");
    PVOID ch = AddVectoredContinueHandler(0, continue_handler);
    tap_ok(ch != NULL, "AddVectoredContinueHandler returns a handle");
    ULONG_PTR args[3] = {1, 2, 0xdeadbeef};
    RaiseException(CUSTOM_CODE, 0, 3, args);
    tap_int(vectored_calls, 1, "RaiseException calls the vectored handler, which continues execution");
    tap_int(last_record.ExceptionCode, CUSTOM_CODE, "the record carries the code");
    tap_int(last_record.NumberParameters, 3, "the record carries the parameter count");
    tap_ok(last_record.ExceptionInformation[0] == 1 && last_record.ExceptionInformation[2] == 0xdeadbeef,
           "the record carries the parameters");
    tap_int(last_record.ExceptionFlags, 0, "a continuable exception has no flags");
    tap_ok(last_record.ExceptionAddress != NULL, "the record has an exception address");

    /* Hardware faults, continued at a changed CONTEXT. */
    vectored_calls = 0;
    tap_int(av_write_8(), 1, "writing to address 8 is an access violation the handler can skip");
    tap_int(last_record.ExceptionCode, EXCEPTION_ACCESS_VIOLATION, "...its code is EXCEPTION_ACCESS_VIOLATION");
    tap_ok(last_record.NumberParameters == 2 && last_record.ExceptionInformation[0] == 1 &&
               last_record.ExceptionInformation[1] == 8,
           "...with parameters: write (1) at address 8");
    tap_int(av_read_16(), 1, "reading address 16 is an access violation the handler can skip");
    tap_ok(last_record.ExceptionInformation[0] == 0 && last_record.ExceptionInformation[1] == 16,
           "...with parameters: read (0) at address 16");
    tap_int(divide_by_zero(), 1, "an integer division by zero can be skipped");
    tap_int(last_record.ExceptionCode, EXCEPTION_INT_DIVIDE_BY_ZERO, "...its code is EXCEPTION_INT_DIVIDE_BY_ZERO");
    tap_int(breakpoint(), 1, "int3 raises a breakpoint exception whose address and Rip are the int3");
    tap_int(last_record.ExceptionCode, EXCEPTION_BREAKPOINT, "...its code is EXCEPTION_BREAKPOINT");
    tap_int(returns_rax(), 0x1234abcd, "registers changed in the CONTEXT are in effect after continuing");

    /* Ordering of vectored handlers. */
    PVOID hl = AddVectoredExceptionHandler(0, last_handler);
    PVOID hf = AddVectoredExceptionHandler(1, first_handler);
    sequence[0] = 0;
    RaiseException(CUSTOM_CODE, 0, 0, NULL);
    tap_str(sequence, "1V", "handlers run in list order (First=1 at the front) until one continues");
    tap_ok(RemoveVectoredExceptionHandler(hf) && RemoveVectoredExceptionHandler(hl),
           "RemoveVectoredExceptionHandler removes handlers");
    tap_ok(!RemoveVectoredExceptionHandler(hf), "removing a handler twice fails");

    /* __C_specific_handler: __except with the constant filter, and around a hardware fault. */
    tap_int(try_except_any(raise_custom), EXCEPT_BLOCK_RAN, "__except (1) catches RaiseException");
    RemoveVectoredExceptionHandler(h);
    tap_int(try_except_any(write_to_8), EXCEPT_BLOCK_RAN, "__except (1) catches an access violation");

    /* A filter function, then __finally during the unwind. */
    sequence[0] = 0;
    filter_result = EXCEPTION_EXECUTE_HANDLER;
    termination_calls = 0;
    tap_int(try_except_filter(finally_around_raise), EXCEPT_BLOCK_RAN, "a filter returning EXECUTE_HANDLER runs the __except block");
    tap_int(filter_code, 0xE0000077, "the filter sees the exception");
    tap_int(termination_calls, 1, "the __finally block between raise and handler runs once");
    tap_int(termination_abnormal, 1, "...and sees an abnormal termination");
    tap_str(sequence, "FT", "the filter runs before the unwind runs __finally blocks");

    /* A filter that continues the search, and one that continues execution. */
    sequence[0] = 0;
    filter_result = EXCEPTION_CONTINUE_SEARCH;
    tap_int(try_except_any(filter_around_raise), EXCEPT_BLOCK_RAN, "a filter returning CONTINUE_SEARCH passes to the outer __except");
    tap_str(sequence, "F", "...after the inner filter ran");
    filter_result = EXCEPTION_CONTINUE_EXECUTION;
    tap_int(try_except_filter(raise_custom), 0, "a filter returning CONTINUE_EXECUTION resumes after RaiseException");

    /* Vectored handlers see the exception before frame-based handlers. */
    h = AddVectoredExceptionHandler(1, vectored);
    sequence[0] = 0;
    filter_result = EXCEPTION_EXECUTE_HANDLER;
    try_except_filter(raise_custom);
    tap_str(sequence, "VF", "vectored handlers run before frame-based handlers");
    RemoveVectoredExceptionHandler(h);
    RemoveVectoredContinueHandler(ch);

    /* The unhandled-exception filter. */
    LPTOP_LEVEL_EXCEPTION_FILTER previous = SetUnhandledExceptionFilter(top_filter);
    tap_ok(SetUnhandledExceptionFilter(top_filter) == top_filter, "SetUnhandledExceptionFilter returns the previous filter");
    sequence[0] = 0;
    RaiseException(0xE0000099, 0, 0, NULL);
    tap_str(sequence, "U", "an exception nothing handles reaches the unhandled-exception filter, which may continue");
    SetUnhandledExceptionFilter(previous);

    /* The unwinder's entry points. */
    CONTEXT c;
    memset(&c, 0, sizeof c);
    RtlCaptureContext(&c);
    tap_ok(in_function(c.Rip, (void*)main) && c.Rsp != 0 && (c.Rsp & 7) == 0,
           "RtlCaptureContext captures the caller's Rip and Rsp");
    DWORD64 base = 0;
    PRUNTIME_FUNCTION f = RtlLookupFunctionEntry((DWORD64)main, &base, NULL);
    tap_ok(f && base == (DWORD64)GetModuleHandleA(NULL) && f->BeginAddress == (DWORD64)main - base,
           "RtlLookupFunctionEntry finds main in the program's exception directory");
    tap_ok(unwind_caller(), "RtlVirtualUnwind from a captured context returns to the caller");
    PVOID image = NULL;
    tap_ok(RtlPcToFileHeader((PVOID)main, &image) == GetModuleHandleA(NULL) && image == GetModuleHandleA(NULL),
           "RtlPcToFileHeader gives the program's base");
    tap_ok(backtrace_here(), "RtlCaptureStackBackTrace starts at its caller");
    return tap_done();
}
