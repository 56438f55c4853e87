help([==[
Burrows-Wheeler Aligner for mapping sequence reads to a reference.
See [[https://bio-bwa.sourceforge.net/bwa.shtml]] for the manual.
]==])
whatis "Name: bwa"
whatis "Version: 0.7.18"
whatis "URL: https://github.com/lh3/bwa"
prepend_path("PATH", "/usr/local/phoreus/bwa/0.7.18/bin")
