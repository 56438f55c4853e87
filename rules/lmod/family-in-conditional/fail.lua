help([[gcc 13.2]])
if mode() == "load" then
   family("compiler")
--~^ lmod/family-in-conditional
end
