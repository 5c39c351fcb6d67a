"""The staff workbench (工作台): server-rendered pages under /staff, an adapter over the core like the channels."""
