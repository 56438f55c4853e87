help([[python 3.11]])
extensions("numpy 1.26, scipy==1.11")
--~^ lmod/extensions-format
--~^ lmod/extensions-format
extensions("pandas/2.1,,pip/23.2")
--~^ lmod/extensions-format
extensions("matplotlib")
--~^ lmod/extensions-format
