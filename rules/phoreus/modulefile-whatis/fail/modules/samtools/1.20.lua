-- written by hand: no help, no URL, and the Name of the library
--~^ phoreus/modulefile-whatis
--~^ phoreus/modulefile-whatis
whatis("Name: htslib")
--~^ phoreus/modulefile-whatis
whatis("Version: " .. myModuleVersion())
whatis("Description: Tools for manipulating SAM, BAM and CRAM alignment files")
prepend_path("PATH", "/usr/local/phoreus/samtools/1.20/bin")
