"""The report engine: notebooks executed with papermill, exported with nbconvert, checked and published."""
