// Entries of the +relay thunks. Each export's thunk is `mov r11, <relay info>;
// jmp <entry>`, so the return address on the stack stays the program's; both
// entries have call-frame information, so exceptions unwind through them.

// sill_relay_entry: fixed-argument functions. In: r11 = struct RelayFunction*
// ({target, argument count, ...}). The register arguments are spilled into the
// caller's home area (which Win64 callers always reserve), so all integer
// arguments form one array at 16(%rbp); xmm0-3 are saved below the frame.
// sill_relay_log_call logs them, the function is called with the same registers
// and a copy of the stack arguments, and sill_relay_log_return logs the result.
    .text
    .globl sill_relay_entry
    .type sill_relay_entry, @function
sill_relay_entry:
    .cfi_startproc
    push %rbp
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset rbp, 0
    mov %rsp, %rbp
    .cfi_def_cfa_register rbp
    push %rbx
    .cfi_offset rbx, -24
    push %r12
    .cfi_offset r12, -32
    sub $80, %rsp                // rsp = rbp-96: 32 home area, xmm0-3 at -64(%rbp), result at -32(%rbp)
    mov %r11, %rbx
    mov %rcx, 16(%rbp)
    mov %rdx, 24(%rbp)
    mov %r8, 32(%rbp)
    mov %r9, 40(%rbp)
    movq %xmm0, -64(%rbp)
    movq %xmm1, -56(%rbp)
    movq %xmm2, -48(%rbp)
    movq %xmm3, -40(%rbp)
    mov %rbx, %rcx
    lea 16(%rbp), %rdx
    lea -64(%rbp), %r8
    call sill_relay_log_call     // ms_abi: keeps rbx, r12, rsi, rdi, xmm6-15
    // Stack arguments beyond the fourth, copied below a new home area.
    mov 8(%rbx), %rax
    sub $4, %rax
    jg 1f
    xor %eax, %eax
1:  lea 15(,%rax,8), %r10
    and $-16, %r10
    sub %r10, %rsp
    sub $32, %rsp
    xor %r10d, %r10d
2:  cmp %rax, %r10
    jge 3f
    mov 48(%rbp,%r10,8), %r11
    mov %r11, 32(%rsp,%r10,8)
    inc %r10
    jmp 2b
3:  mov 16(%rbp), %rcx
    mov 24(%rbp), %rdx
    mov 32(%rbp), %r8
    mov 40(%rbp), %r9
    movq -64(%rbp), %xmm0
    movq -56(%rbp), %xmm1
    movq -48(%rbp), %xmm2
    movq -40(%rbp), %xmm3
    call *(%rbx)
    mov %rax, %r12
    movq %xmm0, -32(%rbp)
    lea -96(%rbp), %rsp
    mov %rbx, %rcx
    mov %r12, %rdx
    mov -32(%rbp), %r8
    call sill_relay_log_return
    mov %r12, %rax
    movq -32(%rbp), %xmm0
    lea -16(%rbp), %rsp
    pop %r12
    .cfi_restore r12
    pop %rbx
    .cfi_restore rbx
    pop %rbp
    .cfi_def_cfa rsp, 8
    .cfi_restore rbp
    ret
    .cfi_endproc
    .size sill_relay_entry, .-sill_relay_entry

// sill_relay_variadic_entry: variadic built-ins (printf, ...): logs the call and
// jumps to the real function with every argument register untouched, so the
// variable arguments pass through without knowing their types.
// In: r11 = struct VariadicRelay* (its first field is the target); the call's
// registers and stack as the caller left them.
    .text
    .globl sill_relay_variadic_entry
    .type sill_relay_variadic_entry, @function
sill_relay_variadic_entry:
    .cfi_startproc
    push %r9
    .cfi_adjust_cfa_offset 8
    push %r8
    .cfi_adjust_cfa_offset 8
    push %rdx
    .cfi_adjust_cfa_offset 8
    push %rcx
    .cfi_adjust_cfa_offset 8
    push %r11
    .cfi_adjust_cfa_offset 8
    sub $96, %rsp
    .cfi_adjust_cfa_offset 96
    movdqu %xmm0, 32(%rsp)
    movdqu %xmm1, 48(%rsp)
    movdqu %xmm2, 64(%rsp)
    movdqu %xmm3, 80(%rsp)
    mov %r11, %rcx
    lea 104(%rsp), %rdx          // the saved rcx, rdx, r8, r9, then the return address
    call sill_relay_log_variadic // ms_abi: keeps rsi, rdi and xmm6-15 for us
    movdqu 32(%rsp), %xmm0
    movdqu 48(%rsp), %xmm1
    movdqu 64(%rsp), %xmm2
    movdqu 80(%rsp), %xmm3
    add $96, %rsp
    .cfi_adjust_cfa_offset -96
    pop %r11
    .cfi_adjust_cfa_offset -8
    pop %rcx
    .cfi_adjust_cfa_offset -8
    pop %rdx
    .cfi_adjust_cfa_offset -8
    pop %r8
    .cfi_adjust_cfa_offset -8
    pop %r9
    .cfi_adjust_cfa_offset -8
    jmp *(%r11)
    .cfi_endproc
    .size sill_relay_variadic_entry, .-sill_relay_variadic_entry
    .section .note.GNU-stack,"",@progbits
