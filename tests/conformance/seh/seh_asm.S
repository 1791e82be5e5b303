/* See seh_asm.h. Every function has unwind information (.seh_proc), so the
 * unwinder can walk through it; the try functions name __C_specific_handler
 * as their language handler with a scope table as handler data:
 *   Count, then { BeginAddress, EndAddress, HandlerAddress (filter, 1 or
 *   termination handler), JumpTarget (0 for __finally) } as RVAs. A nop after
 * each call keeps the return address inside the scope, as compilers do. */

        .text

.macro FAULTING name, setup, fault, after
        .globl \name
        .globl \name\()_fault
        .globl \name\()_resume
        .def \name; .scl 2; .type 32; .endef
        .seh_proc \name
\name:
        subq $40, %rsp
        .seh_stackalloc 40
        .seh_endprologue
        \setup
\name\()_fault:
        \fault
\name\()_resume:
        \after
        addq $40, %rsp
        ret
        .seh_endproc
.endm

        FAULTING av_write_8, "movl $8, %eax", "movl $1, (%rax)", "movl $1, %eax"
        FAULTING av_read_16, "movl $16, %eax", "movl (%rax), %eax", "movl $1, %eax"
        FAULTING divide_by_zero, "xorl %ecx, %ecx; movl $1, %eax; cltd", "idivl %ecx", "movl $1, %eax"
        FAULTING breakpoint, "nop", "int3", "movl $1, %eax"
        FAULTING returns_rax, "movl $8, %eax", "movl $1, (%rax)", "nop"

        .globl try_except_any
        .def try_except_any; .scl 2; .type 32; .endef
        .seh_proc try_except_any
try_except_any:
        subq $40, %rsp
        .seh_stackalloc 40
        .seh_endprologue
.Lany_begin:
        call *%rcx
        nop
.Lany_end:
        xorl %eax, %eax
        addq $40, %rsp
        ret
.Lany_target:                   /* Windows passes the code in rax; Wine 8 does not, so no test relies on it */
        movl $0x5E4, %eax
        addq $40, %rsp
        ret
        .seh_handler __C_specific_handler, @except
        .seh_handlerdata
        .long 1
        .rva .Lany_begin, .Lany_end
        .long 1                 /* the constant filter EXCEPTION_EXECUTE_HANDLER */
        .rva .Lany_target
        .text
        .seh_endproc

        .globl try_except_filter
        .def try_except_filter; .scl 2; .type 32; .endef
        .seh_proc try_except_filter
try_except_filter:
        subq $40, %rsp
        .seh_stackalloc 40
        .seh_endprologue
.Lfilter_begin:
        call *%rcx
        nop
.Lfilter_end:
        xorl %eax, %eax
        addq $40, %rsp
        ret
.Lfilter_target:
        movl $0x5E4, %eax
        addq $40, %rsp
        ret
        .seh_handler __C_specific_handler, @except
        .seh_handlerdata
        .long 1
        .rva .Lfilter_begin, .Lfilter_end, seh_filter, .Lfilter_target
        .text
        .seh_endproc

        .globl try_finally
        .def try_finally; .scl 2; .type 32; .endef
        .seh_proc try_finally
try_finally:
        subq $40, %rsp
        .seh_stackalloc 40
        .seh_endprologue
.Lfinally_begin:
        call *%rcx
        nop
.Lfinally_end:
        addq $40, %rsp
        ret
        .seh_handler __C_specific_handler, @unwind, @except
        .seh_handlerdata
        .long 1
        .rva .Lfinally_begin, .Lfinally_end, seh_termination
        .long 0
        .text
        .seh_endproc
