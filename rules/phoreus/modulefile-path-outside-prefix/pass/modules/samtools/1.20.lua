local root = "/usr/local/phoreus/samtools"
local prefix = pathJoin(root, myModuleVersion())
help([[ Tools for manipulating SAM, BAM and CRAM alignment files ]])
whatis("Name: samtools")
whatis("Version: " .. myModuleVersion())
whatis("URL: https://www.htslib.org/")
depends_on("htslib/1.20")
prepend_path("PATH", pathJoin(prefix, "bin"))
prepend_path("LD_LIBRARY_PATH", pathJoin(root, myModuleVersion(), "lib"))
prepend_path("MANPATH", prefix .. "/share/man")
-- not resolvable statically: not judged
prepend_path("PATH", pathJoin(os.getenv("HOME"), ".local/samtools/bin"))
