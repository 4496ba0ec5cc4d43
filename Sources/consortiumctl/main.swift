import ConsortiumCore
print("consortiumctl")
