-- copied from 2.3.1.lua and not updated
help([[ Fast, memory-efficient counting of k-mers in DNA ]])
whatis("Name: jellyfish")
whatis("Version: 2.3.1")
--~^ phoreus/modulefile-whatis
whatis("URL: https://github.com/gmarcais/Jellyfish")
prepend_path("PATH", "/usr/local/phoreus/jellyfish/2.4.0/bin")
