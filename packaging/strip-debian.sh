#!/bin/sh
# CMAKE_STRIP for the .deb (THROUGHLINE_DPKG_BUILDFLAGS): strips as Debian's dh_strip does for executables,
# also dropping the .comment and .note sections (compiler version strings) that lintian flags as unneeded.
exec strip --remove-section=.comment --remove-section=.note "$@"
