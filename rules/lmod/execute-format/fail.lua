help([[foo 1.0]])
execute("ulimit -s unlimited")
--~^ lmod/execute-format
execute{cmd="ulimit -s unlimited"}
--~^ lmod/execute-format
execute{cmd="ulimit -c 0", modeA="load"}
--~^ lmod/execute-format
execute{cmd="echo hi", modeA={"Load"}}
--~^ lmod/execute-format
