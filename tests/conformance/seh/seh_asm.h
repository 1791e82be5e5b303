/* Functions written in assembly so a C program built by mingw gcc (which has
 * no __try) can exercise SEH precisely: instructions that fault at known
 * addresses with a known place to resume, and __try/__except/__finally
 * scopes described by SCOPE_TABLEs for __C_specific_handler, exactly as MSVC
 * and clang lay them out (.seh_* directives of GNU as). */
#ifndef SILL_SEH_ASM_H
#define SILL_SEH_ASM_H

#include <windows.h>

/* Each faulting function has a symbol at the faulting instruction (_fault)
 * and one where a handler may resume (_resume). */
int av_write_8(void); /* movl $1, 8: returns 1 when resumed at av_write_8_resume */
extern char av_write_8_fault[], av_write_8_resume[];
int av_read_16(void); /* movl 16, %eax */
extern char av_read_16_fault[], av_read_16_resume[];
int divide_by_zero(void); /* idiv by 0 */
extern char divide_by_zero_fault[], divide_by_zero_resume[];
int breakpoint(void); /* int3 */
extern char breakpoint_fault[], breakpoint_resume[];
/* Faults with rax = 8, then returns rax: a handler can choose the return value. */
ULONG_PTR returns_rax(void);
extern char returns_rax_fault[], returns_rax_resume[];

/* What the __except blocks below return. */
#define EXCEPT_BLOCK_RAN 0x5E4
/* __try { fn(); } __except (EXCEPTION_EXECUTE_HANDLER) { return EXCEPT_BLOCK_RAN; } return 0; */
DWORD try_except_any(void (*fn)(void));
/* __try { fn(); } __except (seh_filter(GetExceptionInformation(), frame)) { return EXCEPT_BLOCK_RAN; } return 0; */
DWORD try_except_filter(void (*fn)(void));
/* __try { fn(); } __finally { seh_termination(AbnormalTermination(), frame); } */
void try_finally(void (*fn)(void));

/* Defined by the test program, called from the scope tables above. */
LONG seh_filter(EXCEPTION_POINTERS* pointers, void* frame);
void seh_termination(BOOLEAN abnormal, void* frame);

#endif
