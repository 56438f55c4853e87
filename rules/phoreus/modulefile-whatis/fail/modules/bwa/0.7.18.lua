help([[ Burrows-Wheeler Aligner for mapping sequence reads to a reference ]])
whatis("Name: bwa")
whatis("Version: 0.7.18")
whatis("URL: ")
--~^ phoreus/modulefile-whatis
prepend_path("PATH", "/usr/local/phoreus/bwa/0.7.18/bin")
