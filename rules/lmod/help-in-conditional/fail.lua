if mode() == "load" then
   help([[foo 1.0]])
--~^ lmod/help-in-conditional
   whatis("Description: foo")
--~^ lmod/help-in-conditional
end
