module_version("jellyfish/2.4.0", "default")
