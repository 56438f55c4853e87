help([[ Fast, memory-efficient counting of k-mers in DNA ]])
--~^ phoreus/default-not-symlink
whatis("Name: jellyfish")
whatis("Version: 2.4.0")
whatis("URL: https://github.com/gmarcais/Jellyfish")
prepend_path("PATH", "/usr/local/phoreus/jellyfish/2.4.0/bin")
prepend_path("LD_LIBRARY_PATH", "/usr/local/phoreus/jellyfish/2.4.0/lib")
prepend_path("MANPATH", "/usr/local/phoreus/jellyfish/2.4.0/share/man")
