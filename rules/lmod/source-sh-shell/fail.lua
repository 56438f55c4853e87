help([[foo 1.0]])
source_sh("/bin/bash", "/opt/apps/foo/1.0/env.sh")
--~^ lmod/source-sh-shell
source_sh("fish", "/opt/apps/foo/1.0/env.fish")
--~^ lmod/source-sh-shell
