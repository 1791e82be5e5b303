// Matching a thrown C++ object against a catch clause, and initialising the
// clause's parameter from it.
#pragma once
#include "win32/msvc_eh/eh_tables.h"

namespace sill::msvc_eh {

// Whether the clause catches rec. For a C++ exception *type is set to the
// thrown object's catchable type the clause accepts (null for catch(...)).
bool clause_catches(const CatchClause& clause, const EXCEPTION_RECORD* rec, bool cxx_only,
                    const CatchableType** type);

// Copies (or binds) the thrown object into the clause's parameter in the parent frame.
void build_catch_object(const CatchClause& clause, const CatchableType* type, const EXCEPTION_RECORD* rec,
                        DWORD64 parent_frame);

}  // namespace sill::msvc_eh
