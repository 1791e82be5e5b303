// Entry of +relay thunks for variadic built-ins (printf, ...): logs the call and
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
