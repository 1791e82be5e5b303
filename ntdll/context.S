// Register-exact pieces of SEH that C++ cannot express: capturing the caller's
// registers, restoring a CONTEXT, the entry stubs of the Rtl* calls that must
// start from their PE caller's exact state, and the bridge that calls PE
// handlers so the unwinder can recognise and step over Sill's own frames.
// CONTEXT offsets: see the static_asserts in ntdll/context.h.

#define CTX_FLAGS  0x30
#define CTX_MXCSR  0x34
#define CTX_CS     0x38
#define CTX_DS     0x3a
#define CTX_ES     0x3c
#define CTX_FS     0x3e
#define CTX_GS     0x40
#define CTX_SS     0x42
#define CTX_EFLAGS 0x44
#define CTX_RAX    0x78
#define CTX_RCX    0x80
#define CTX_RDX    0x88
#define CTX_RBX    0x90
#define CTX_RSP    0x98
#define CTX_RBP    0xa0
#define CTX_RSI    0xa8
#define CTX_RDI    0xb0
#define CTX_R8     0xb8
#define CTX_R9     0xc0
#define CTX_R10    0xc8
#define CTX_R11    0xd0
#define CTX_R12    0xd8
#define CTX_R13    0xe0
#define CTX_R14    0xe8
#define CTX_R15    0xf0
#define CTX_RIP    0xf8
#define CTX_FLTSAVE 0x100
#define CONTEXT_FULL_SEGMENTS 0x10000f

        .text

// Stores every register into the CONTEXT at \base(%rsp) as they were when the
// current function was entered, its return address being at \frame(%rsp).
.macro CAPTURE base, frame
        movq %rax, \base+CTX_RAX(%rsp)
        movq %rcx, \base+CTX_RCX(%rsp)
        movq %rdx, \base+CTX_RDX(%rsp)
        movq %rbx, \base+CTX_RBX(%rsp)
        movq %rbp, \base+CTX_RBP(%rsp)
        movq %rsi, \base+CTX_RSI(%rsp)
        movq %rdi, \base+CTX_RDI(%rsp)
        movq %r8, \base+CTX_R8(%rsp)
        movq %r9, \base+CTX_R9(%rsp)
        movq %r10, \base+CTX_R10(%rsp)
        movq %r11, \base+CTX_R11(%rsp)
        movq %r12, \base+CTX_R12(%rsp)
        movq %r13, \base+CTX_R13(%rsp)
        movq %r14, \base+CTX_R14(%rsp)
        movq %r15, \base+CTX_R15(%rsp)
        leaq \frame+8(%rsp), %rax
        movq %rax, \base+CTX_RSP(%rsp)
        movq \frame(%rsp), %rax
        movq %rax, \base+CTX_RIP(%rsp)
        movw %cs, \base+CTX_CS(%rsp)
        movw %ds, \base+CTX_DS(%rsp)
        movw %es, \base+CTX_ES(%rsp)
        movw %fs, \base+CTX_FS(%rsp)
        movw %gs, \base+CTX_GS(%rsp)
        movw %ss, \base+CTX_SS(%rsp)
        fxsave \base+CTX_FLTSAVE(%rsp)
        stmxcsr \base+CTX_MXCSR(%rsp)
        pushfq
        popq %rax
        movl %eax, \base+CTX_EFLAGS(%rsp)
        movl $CONTEXT_FULL_SEGMENTS, \base+CTX_FLAGS(%rsp)
        movq \base+CTX_RAX(%rsp), %rax
.endm

// void WINAPI RtlCaptureContext(CONTEXT* ctx): the caller's state.
        .globl RtlCaptureContext
        .type RtlCaptureContext, @function
RtlCaptureContext:
        .cfi_startproc
        movq %rax, CTX_RAX(%rcx)
        movq %rcx, CTX_RCX(%rcx)
        movq %rdx, CTX_RDX(%rcx)
        movq %rbx, CTX_RBX(%rcx)
        movq %rbp, CTX_RBP(%rcx)
        movq %rsi, CTX_RSI(%rcx)
        movq %rdi, CTX_RDI(%rcx)
        movq %r8, CTX_R8(%rcx)
        movq %r9, CTX_R9(%rcx)
        movq %r10, CTX_R10(%rcx)
        movq %r11, CTX_R11(%rcx)
        movq %r12, CTX_R12(%rcx)
        movq %r13, CTX_R13(%rcx)
        movq %r14, CTX_R14(%rcx)
        movq %r15, CTX_R15(%rcx)
        leaq 8(%rsp), %rax
        movq %rax, CTX_RSP(%rcx)
        movq (%rsp), %rax
        movq %rax, CTX_RIP(%rcx)
        movw %cs, CTX_CS(%rcx)
        movw %ds, CTX_DS(%rcx)
        movw %es, CTX_ES(%rcx)
        movw %fs, CTX_FS(%rcx)
        movw %gs, CTX_GS(%rcx)
        movw %ss, CTX_SS(%rcx)
        fxsave CTX_FLTSAVE(%rcx)
        stmxcsr CTX_MXCSR(%rcx)
        pushfq
        .cfi_adjust_cfa_offset 8
        popq %rax
        .cfi_adjust_cfa_offset -8
        movl %eax, CTX_EFLAGS(%rcx)
        movl $CONTEXT_FULL_SEGMENTS, CTX_FLAGS(%rcx)
        movq CTX_RAX(%rcx), %rax
        ret
        .cfi_endproc
        .size RtlCaptureContext, .-RtlCaptureContext

// [[noreturn]] void sill_restore_context_raw(const CONTEXT* ctx)  (System V: ctx in rdi)
// iretq loads rip, rsp and rflags at once, so no register is needed for the jump.
        .globl sill_restore_context_raw
        .type sill_restore_context_raw, @function
sill_restore_context_raw:
        .cfi_startproc
        testl $0x8, CTX_FLAGS(%rdi)    // CONTEXT_FLOATING_POINT: a hand-made CONTEXT may not have it
        jz 1f
        fxrstor CTX_FLTSAVE(%rdi)
        ldmxcsr CTX_MXCSR(%rdi)
1:
        xorl %eax, %eax
        movw %ss, %ax
        pushq %rax                     // ss
        pushq CTX_RSP(%rdi)            // rsp
        movl CTX_EFLAGS(%rdi), %eax
        andl $0x0cd5, %eax             // arithmetic flags and DF only: never TF
        orl $0x0202, %eax
        pushq %rax                     // rflags
        xorl %eax, %eax
        movw %cs, %ax
        pushq %rax                     // cs
        pushq CTX_RIP(%rdi)            // rip
        movq CTX_RAX(%rdi), %rax
        movq CTX_RCX(%rdi), %rcx
        movq CTX_RDX(%rdi), %rdx
        movq CTX_RBX(%rdi), %rbx
        movq CTX_RBP(%rdi), %rbp
        movq CTX_RSI(%rdi), %rsi
        movq CTX_R8(%rdi), %r8
        movq CTX_R9(%rdi), %r9
        movq CTX_R10(%rdi), %r10
        movq CTX_R11(%rdi), %r11
        movq CTX_R12(%rdi), %r12
        movq CTX_R13(%rdi), %r13
        movq CTX_R14(%rdi), %r14
        movq CTX_R15(%rdi), %r15
        movq CTX_RDI(%rdi), %rdi
        iretq
        .cfi_endproc
        .size sill_restore_context_raw, .-sill_restore_context_raw

// An ms_abi entry point whose C++ part needs the caller's exact registers:
// spills the register arguments to their home slots (so all arguments are
// contiguous at entry rsp + 8), captures the caller's context, and calls
// impl(CONTEXT* caller, const uint64_t* args) with the System V convention.
// The C++ parts never return: they resume some context or end the process.
#define FRAME 0x4f8  /* 0x20 spare + CONTEXT (0x4d0) + pad; keeps the CONTEXT 16-aligned */
.macro CAPTURING_ENTRY name, impl
        .globl \name
        .type \name, @function
\name:
        .cfi_startproc
        movq %rcx, 8(%rsp)
        movq %rdx, 16(%rsp)
        movq %r8, 24(%rsp)
        movq %r9, 32(%rsp)
        subq $FRAME, %rsp
        .cfi_adjust_cfa_offset FRAME
        CAPTURE 0x20, FRAME
        leaq 0x20(%rsp), %rdi
        leaq FRAME+8(%rsp), %rsi
        call \impl
        ud2
        .cfi_endproc
        .size \name, .-\name
.endm

// The same for an entry point that returns: the ms_abi registers a System V
// function may change (rsi, rdi, xmm6-xmm15) are reloaded from the capture.
#define XMM(n) 0x20+CTX_FLTSAVE+160+16*n(%rsp)
.macro CAPTURING_ENTRY_RETURNING name, impl
        .globl \name
        .type \name, @function
\name:
        .cfi_startproc
        movq %rcx, 8(%rsp)
        movq %rdx, 16(%rsp)
        movq %r8, 24(%rsp)
        movq %r9, 32(%rsp)
        subq $FRAME, %rsp
        .cfi_adjust_cfa_offset FRAME
        CAPTURE 0x20, FRAME
        leaq 0x20(%rsp), %rdi
        leaq FRAME+8(%rsp), %rsi
        call \impl
        movq 0x20+CTX_RSI(%rsp), %rsi
        movq 0x20+CTX_RDI(%rsp), %rdi
        movaps XMM(6), %xmm6
        movaps XMM(7), %xmm7
        movaps XMM(8), %xmm8
        movaps XMM(9), %xmm9
        movaps XMM(10), %xmm10
        movaps XMM(11), %xmm11
        movaps XMM(12), %xmm12
        movaps XMM(13), %xmm13
        movaps XMM(14), %xmm14
        movaps XMM(15), %xmm15
        addq $FRAME, %rsp
        .cfi_adjust_cfa_offset -FRAME
        ret
        .cfi_endproc
        .size \name, .-\name
.endm

        CAPTURING_ENTRY RtlRaiseException, sill_seh_raise_entry
        CAPTURING_ENTRY RtlUnwindEx, sill_seh_unwind_ex_entry
        CAPTURING_ENTRY RtlUnwind, sill_seh_unwind_entry
        CAPTURING_ENTRY sill_kernel32_RaiseException, sill_seh_raise_k32_entry
        CAPTURING_ENTRY_RETURNING RtlCaptureStackBackTrace, sill_seh_backtrace_entry

// LONG sill_seh_call_bridged(fn, a1, a2, a3, a4, const Bridge* bridge)  (System V)
// Calls the ms_abi fn(a1, a2, a3, a4). The bridge pointer sits at a fixed place
// above the return address, where the unwinder finds it when it reaches
// sill_seh_bridge_return while walking up from the PE code fn runs.
        .globl sill_seh_call_bridged
        .type sill_seh_call_bridged, @function
        .globl sill_seh_bridge_return
sill_seh_call_bridged:
        .cfi_startproc
        pushq %rbp
        .cfi_adjust_cfa_offset 8
        .cfi_offset %rbp, -16
        movq %rsp, %rbp
        .cfi_def_cfa_register %rbp
        subq $0x30, %rsp
        movq %r9, 0x20(%rsp)
        movq %rdi, %rax
        movq %r8, %r9
        movq %rcx, %r8
        movq %rsi, %rcx
        call *%rax
sill_seh_bridge_return:
        leave
        .cfi_def_cfa %rsp, 8
        ret
        .cfi_endproc
        .size sill_seh_call_bridged, .-sill_seh_call_bridged

// Where a hardware fault resumes after the signal handler: on the faulting
// thread's stack, with rdi = EXCEPTION_RECORD*, rsi = CONTEXT* built below the
// faulting rsp and rsp 16-aligned.
        .globl sill_seh_fault_entry
        .type sill_seh_fault_entry, @function
sill_seh_fault_entry:
        .cfi_startproc
        .cfi_undefined %rip
        call sill_seh_dispatch_fault
        ud2
        .cfi_endproc
        .size sill_seh_fault_entry, .-sill_seh_fault_entry

        .section .note.GNU-stack,"",@progbits
