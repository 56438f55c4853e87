local prefix = pathJoin("/usr/local/phoreus/samtools", myModuleVersion())
help([[ Tools for manipulating SAM, BAM and CRAM alignment files ]])
whatis("Name: samtools")
whatis("Version: 1.20")
whatis("URL: https://www.htslib.org/")
prepend_path("PATH", pathJoin(prefix, "bin"))
-- bgzip and tabix from the htslib payload, instead of depends_on("htslib/1.20")
append_path("PATH", pathJoin("/usr/local/phoreus/htslib", "1.20", "bin"))
--~^ phoreus/modulefile-path-outside-prefix
prepend_path("LD_LIBRARY_PATH", prefix .. "/lib:/usr/local/phoreus/htslib/1.20/lib")
--~^ phoreus/modulefile-path-outside-prefix
pushenv("HTS_PATH", prefix .. "/../1.19/libexec/htslib")
--~^ phoreus/modulefile-path-outside-prefix
prepend_path("PATH", "/usr/bin")
--~^ phoreus/modulefile-path-outside-prefix
