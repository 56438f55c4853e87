local desc = "foo"
if os.getenv("FOO_BETA") then desc = desc .. " (beta)" end
help([[foo 1.0]])
whatis("Description: " .. desc)
