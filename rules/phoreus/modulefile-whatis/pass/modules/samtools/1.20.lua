local pkg = myModuleName()
help [[
samtools: tools for manipulating SAM, BAM and CRAM alignment files
]]
whatis("Name: " .. myModuleName())
whatis("Version: " .. myModuleVersion())
whatis("URL: https://www.htslib.org/")
whatis("Description: Tools for manipulating SAM, BAM and CRAM alignment files")
prepend_path("PATH", pathJoin("/usr/local/phoreus", pkg, myModuleVersion(), "bin"))
