help([[ Burrows-Wheeler Aligner for mapping sequence reads to a reference ]])
whatis("Name: bwa")
whatis("Version: 0.7.18")
whatis("URL: https://github.com/lh3/bwa")
local prefix = "/usr/local/phoreus/bwa/0.7.18"
-- a helper called for each directory: its arguments are only known inside it
local function add_dir(var, sub)
    prepend_path(var, pathJoin(prefix, sub))
end
add_dir("PATH", "bin")
add_dir("MANPATH", "share/man")
if (mode() == "load") then
    setenv("BWA_INDEX_DIR", prefix .. "/share/bwa")
end
