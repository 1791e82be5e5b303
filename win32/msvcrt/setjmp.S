// _setjmp/_setjmpex and longjmp with msvcrt's x64 jump buffer (_JUMP_BUFFER, 256 bytes):
// Frame, Rbx, Rsp, Rbp, Rsi, Rdi, R12-R15, Rip, MxCsr, FpCsr, Spare, Xmm6-Xmm15.
// Both follow the Windows x64 convention (buffer in rcx, second argument in rdx).
// longjmp restores the registers directly: it does not run the __finally blocks or
// destructors of the frames it leaves (msvcrt unwinds with RtlUnwindEx when Frame is set).
    .intel_syntax noprefix
    .text

    .globl sill_msvcrt_setjmp
    .type sill_msvcrt_setjmp, @function
sill_msvcrt_setjmp:
    .cfi_startproc
    mov [rcx + 0], rdx
    mov [rcx + 8], rbx
    lea rax, [rsp + 8]
    mov [rcx + 16], rax
    mov [rcx + 24], rbp
    mov [rcx + 32], rsi
    mov [rcx + 40], rdi
    mov [rcx + 48], r12
    mov [rcx + 56], r13
    mov [rcx + 64], r14
    mov [rcx + 72], r15
    mov rax, [rsp]
    mov [rcx + 80], rax
    stmxcsr [rcx + 88]
    fnstcw [rcx + 92]
    mov word ptr [rcx + 94], 0
    movdqu [rcx + 96], xmm6
    movdqu [rcx + 112], xmm7
    movdqu [rcx + 128], xmm8
    movdqu [rcx + 144], xmm9
    movdqu [rcx + 160], xmm10
    movdqu [rcx + 176], xmm11
    movdqu [rcx + 192], xmm12
    movdqu [rcx + 208], xmm13
    movdqu [rcx + 224], xmm14
    movdqu [rcx + 240], xmm15
    xor eax, eax
    ret
    .cfi_endproc
    .size sill_msvcrt_setjmp, . - sill_msvcrt_setjmp

    .globl sill_msvcrt_longjmp
    .type sill_msvcrt_longjmp, @function
sill_msvcrt_longjmp:
    .cfi_startproc
    mov eax, edx
    test eax, eax
    jnz 1f
    mov eax, 1            // longjmp(buf, 0) returns 1 from setjmp
1:
    mov rbx, [rcx + 8]
    mov rbp, [rcx + 24]
    mov rsi, [rcx + 32]
    mov rdi, [rcx + 40]
    mov r12, [rcx + 48]
    mov r13, [rcx + 56]
    mov r14, [rcx + 64]
    mov r15, [rcx + 72]
    ldmxcsr [rcx + 88]
    fnclex
    fldcw [rcx + 92]
    movdqu xmm6, [rcx + 96]
    movdqu xmm7, [rcx + 112]
    movdqu xmm8, [rcx + 128]
    movdqu xmm9, [rcx + 144]
    movdqu xmm10, [rcx + 160]
    movdqu xmm11, [rcx + 176]
    movdqu xmm12, [rcx + 192]
    movdqu xmm13, [rcx + 208]
    movdqu xmm14, [rcx + 224]
    movdqu xmm15, [rcx + 240]
    mov rsp, [rcx + 16]
    jmp qword ptr [rcx + 80]
    .cfi_endproc
    .size sill_msvcrt_longjmp, . - sill_msvcrt_longjmp

    .section .note.GNU-stack, "", @progbits
