help([[python 3.11]])
extensions("numpy/1.26, scipy/1.11")
extensions("Algorithm::Diff/1.1903,YAML::Tiny/1.73")
extensions("pip/23.2", "wheel/0.41.2")
