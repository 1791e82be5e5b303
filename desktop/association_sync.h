// File associations of a prefix's programs as the desktop's MIME associations.
//
// For each extension a program claimed (HKCR\.ext -> ProgID -> shell\<verb>\command,
// class_registry.h) whose command runs a program of its own (not "%1" itself, not one
// under C:\windows: those are the prefix's stock entries), the type is the program's
// "Content Type" when given, else the type shared-mime-info gives *.ext, else a new
// application/x-sill-<ext>; types the database lacks are defined in
// $XDG_DATA_HOME/mime/packages/sill-<prefix id>.xml. Each ProgID gets a hidden entry
// (NoDisplay, $XDG_DATA_HOME/applications/sill-<prefix id>-assoc-<hash>.desktop) listing its types, whose Exec is `sill desktop open PROGID %f`: the
// command is read from the registry when the document is opened, with %1 given the
// document's Windows path (Z:\..., or C:\... inside the prefix).
//
// Defaults: Sill makes its entry the default only for a type it defined itself and only
// while nothing else is the user's default for it. A type the desktop already knows
// (text/plain for .txt) gets the program in "Open With" but never loses its default.
#pragma once
#include <string>

#include "base/expected.h"
#include "desktop/menu_sync.h"

namespace sill::desktop {

// Brings the prefix's MIME associations in line with its registry (all removed when the
// prefix's switch is off).
Expected<SyncReport> sync_associations(const std::string& prefix_dir);
Expected<SyncReport> remove_associations(const std::string& prefix_dir);

// At the end of a process of the current prefix: when the registry changed since the
// process opened it, and the Classes keys' change stamp differs from the one the last sync
// recorded (desktop-associations.stamp in the prefix), syncs again.
void associations_check_at_exit();

}  // namespace sill::desktop
