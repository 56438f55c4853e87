-- copied from 2.3.1.lua; one path was not updated
help([[ Fast, memory-efficient counting of k-mers in DNA ]])
whatis("Name: jellyfish")
whatis("Version: 2.4.0")
whatis("URL: https://github.com/gmarcais/Jellyfish")
prepend_path("PATH", "/usr/local/phoreus/jellyfish/2.4.0/bin")
prepend_path("LD_LIBRARY_PATH", "/usr/local/phoreus/jellyfish/2.3.1/lib")
--~^ phoreus/modulefile-path-outside-prefix
prepend_path("MANPATH", "/usr/local/phoreus/jellyfish/2.4.0/share/man")
setenv("JELLYFISH_HOME", "/usr/local/phoreus/jellyfish/2.4.0-rc1")
--~^ phoreus/modulefile-path-outside-prefix
