/* A log of DllMain calls kept by dll_log.dll, which the dll test imports
 * statically and dll_dynamic.dll imports too, so entries from every module
 * land in one ordered list. */
#ifndef SILL_CONFORMANCE_DLL_LOG_H
#define SILL_CONFORMANCE_DLL_LOG_H

#ifdef BUILDING_DLL_LOG
#define DLL_LOG_API __declspec(dllexport)
#else
#define DLL_LOG_API __declspec(dllimport)
#endif

DLL_LOG_API void dll_log_record(const char *who, unsigned long reason);
DLL_LOG_API int dll_log_count(void);
/* Entry i as "who:reason", or NULL past the end. */
DLL_LOG_API const char *dll_log_entry(int i);
DLL_LOG_API extern int dll_log_magic;

#endif
