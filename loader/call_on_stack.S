// void sill_call_on_stack(void (*fn)(void*), void* arg, void* stack_top)  [[noreturn]]
// Switches to a new stack (the program's, sized from its PE header) and calls fn(arg).
// fn never returns; the frame marks the outermost frame for unwinders.
    .text
    .globl sill_call_on_stack
    .type sill_call_on_stack, @function
sill_call_on_stack:
    .cfi_startproc
    .cfi_undefined rip
    mov %rdx, %rsp
    and $-16, %rsp
    xor %ebp, %ebp
    mov %rdi, %rax
    mov %rsi, %rdi
    call *%rax
    ud2
    .cfi_endproc
    .size sill_call_on_stack, .-sill_call_on_stack
    .section .note.GNU-stack,"",@progbits
