// The trampoline a built-in returns through when SetThreadContext gave new registers to a thread
// suspended inside it (thread_suspend_context.cpp): it captures the registers the program would
// have after the return into a CONTEXT and hands them to sill_apply_deferred_context, which
// merges in the new ones and loads the result. No register or flag is changed before it is saved.
// CONTEXT offsets: see the static_asserts in ntdll/context.h.

#define CTX_MXCSR   0x34
#define CTX_EFLAGS  0x44
#define CTX_RAX     0x78
#define CTX_RCX     0x80
#define CTX_RDX     0x88
#define CTX_RBX     0x90
#define CTX_RSP     0x98
#define CTX_RBP     0xa0
#define CTX_RSI     0xa8
#define CTX_RDI     0xb0
#define CTX_R8      0xb8
#define CTX_R9      0xc0
#define CTX_R10     0xc8
#define CTX_R11     0xd0
#define CTX_R12     0xd8
#define CTX_R13     0xe0
#define CTX_R14     0xe8
#define CTX_R15     0xf0
#define CTX_FLTSAVE 0x100
#define CTX_SIZE    0x4d0

        .text
        .globl sill_deferred_context_entry
        .type sill_deferred_context_entry, @function
sill_deferred_context_entry:
        pushfq                          // the program's flags, then its rax
        pushq %rax
        movq %rsp, %rax
        leaq -(CTX_SIZE + 16)(%rsp), %rsp
        andq $-16, %rsp                 // the CONTEXT, below both (signals land below it)
        movq %rcx, CTX_RCX(%rsp)
        movq %rdx, CTX_RDX(%rsp)
        movq %rbx, CTX_RBX(%rsp)
        movq %rbp, CTX_RBP(%rsp)
        movq %rsi, CTX_RSI(%rsp)
        movq %rdi, CTX_RDI(%rsp)
        movq %r8, CTX_R8(%rsp)
        movq %r9, CTX_R9(%rsp)
        movq %r10, CTX_R10(%rsp)
        movq %r11, CTX_R11(%rsp)
        movq %r12, CTX_R12(%rsp)
        movq %r13, CTX_R13(%rsp)
        movq %r14, CTX_R14(%rsp)
        movq %r15, CTX_R15(%rsp)
        movq (%rax), %rcx
        movq %rcx, CTX_RAX(%rsp)
        movq 8(%rax), %rcx
        movl %ecx, CTX_EFLAGS(%rsp)
        leaq 16(%rax), %rcx
        movq %rcx, CTX_RSP(%rsp)
        fxsave CTX_FLTSAVE(%rsp)
        stmxcsr CTX_MXCSR(%rsp)
        movq %rsp, %rdi
        call sill_apply_deferred_context
        ud2
        .size sill_deferred_context_entry, .-sill_deferred_context_entry

        .section .note.GNU-stack,"",@progbits
