module_version("samtools/1.20", "default")
