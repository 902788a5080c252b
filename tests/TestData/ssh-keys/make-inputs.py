# Makes inputs.tsv: real keys (key_*.pub, made beforehand in this folder with
#   for t in "ed25519" "rsa -b 2048" "rsa -b 1024" "ecdsa -b 256" "ecdsa -b 384" "ecdsa -b 521" "dsa"; do
#     n=$(echo $t | tr -d ' -'); ssh-keygen -q -t $t -N '' -C "test-$n@example.com" -f key_$n; done
# and then deleted) and key lines damaged field by field. verify.sh then asks ssh-keygen about each line.
import base64, struct, os, random
random.seed(16)
def s(b): 
    if isinstance(b,str): b=b.encode()
    return struct.pack('>I',len(b))+b
def mpint(n):
    if n==0: return s(b'')
    b=n.to_bytes((n.bit_length()+7)//8,'big')
    if b[0]&0x80: b=b'\0'+b
    return s(b)
def line(t,blob,c=None): 
    r=t+' '+base64.b64encode(blob).decode()
    return r+(' '+c if c else '')
def rd(name):
    t,b,*c=open(name).read().split()
    return t,base64.b64decode(b),(c[0] if c else None)
def parse(blob):
    out=[];i=0
    while i<len(blob):
        n=struct.unpack('>I',blob[i:i+4])[0]; out.append(blob[i+4:i+4+n]); i+=4+n
    return out
keys={k:rd('key_%s.pub'%k) for k in ['ed25519','rsab2048','rsab1024','ecdsab256','ecdsab384','ecdsab521','dsa']}
cases=[]
def add(name,l): cases.append((name,l))
for k,(t,b,c) in keys.items():
    add('real-'+k, line(t,b,c))
t,b,c=keys['ed25519']
add('real-ed25519-no-comment', line(t,b))
add('real-ed25519-comment-with-spaces', line(t,b,'Core User laptop'))
add('placeholder-zero-ed25519', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA placeholder@example.com')
add('type-only', 'ssh-ed25519')
add('type-and-comment-no-data', 'ssh-ed25519 core@example.com')
add('too-short-AAAA', 'ssh-rsa AAAA')
add('only-type-string-ed25519', line('ssh-ed25519', s('ssh-ed25519')))
add('only-type-string-rsa', line('ssh-rsa', s('ssh-rsa')))
add('ed25519-key-31-bytes', line('ssh-ed25519', s('ssh-ed25519')+s(parse(b)[1][:31])))
add('ed25519-key-33-bytes', line('ssh-ed25519', s('ssh-ed25519')+s(parse(b)[1]+b'\x01')))
add('ed25519-trailing-bytes', line('ssh-ed25519', b+b'\0\0\0\0'))
add('ed25519-blob-truncated', line('ssh-ed25519', b[:-5]))
add('ed25519-data-labelled-rsa', line('ssh-rsa', b, c))
add('ed25519-base64-invalid-char', 'ssh-ed25519 '+base64.b64encode(b).decode()[:20]+'*'+base64.b64encode(b).decode()[21:])
add('ed25519-base64-cut-in-middle', 'ssh-ed25519 '+base64.b64encode(b).decode()[:40])
add('ed25519-base64-no-padding', 'ssh-ed25519 '+base64.b64encode(b).decode().rstrip('='))
add('ed25519-type-misspelled', line('ssh-ed2519', b))
add('ed25519-type-case', line('SSH-ED25519', b))
t,b,c=keys['rsab2048']
e,n=parse(b)[1:]
add('rsa-modulus-truncated', line('ssh-rsa', s('ssh-rsa')+s(e)+s(n[:100])[:60]))
add('rsa-no-modulus', line('ssh-rsa', s('ssh-rsa')+s(e)))
add('rsa-512-bit', line('ssh-rsa', s('ssh-rsa')+mpint(65537)+mpint(random.getrandbits(512)|(1<<511)|1)))
add('rsa-1023-bit', line('ssh-rsa', s('ssh-rsa')+mpint(65537)+mpint(random.getrandbits(1023)|(1<<1022)|1)))
add('rsa-16384-bit', line('ssh-rsa', s('ssh-rsa')+mpint(65537)+mpint(random.getrandbits(16384)|(1<<16383)|1)))
add('rsa-16385-bit', line('ssh-rsa', s('ssh-rsa')+mpint(65537)+mpint(random.getrandbits(16385)|(1<<16384)|1)))
add('rsa-trailing-bytes', line('ssh-rsa', b+s('x'), c))
add('rsa-data-labelled-ed25519', line('ssh-ed25519', b, c))
add('rsa-length-prefix-too-long', line('ssh-rsa', struct.pack('>I',200)+b[4:]))
add('rsa-exponent-negative', line('ssh-rsa', s('ssh-rsa')+s(b'\x81')+s(n)))
t,b,c=keys['ecdsab256']
parts=parse(b)
add('ecdsa256-wrong-curve-name', line(t, s(t)+s('nistp384')+s(parts[2])))
add('ecdsa256-point-short', line(t, s(t)+s(parts[1])+s(parts[2][:64])))
add('ecdsa256-point-compressed-prefix', line(t, s(t)+s(parts[1])+s(b'\x02'+parts[2][1:])))
add('ecdsa256-labelled-384', line('ecdsa-sha2-nistp384', b, c))
add('ecdsa256-no-point', line(t, s(t)+s(parts[1])))
add('ecdsa256-trailing', line(t, b+b'\0'))
t5,b5,c5=keys['ecdsab521']
add('ecdsa521-point-truncated', line(t5, s(t5)+s(parse(b5)[1])+s(parse(b5)[2][:-1])))
t,b,c=keys['dsa']
p,q,g,y=parse(b)[1:]
add('dsa-missing-y', line(t, s(t)+s(p)+s(q)+s(g)))
add('dsa-trailing', line(t, b+s('z')))
ed=parse(keys['ed25519'][1])[1]
add('sk-ed25519', line('sk-ssh-ed25519@openssh.com', s('sk-ssh-ed25519@openssh.com')+s(ed)+s('ssh:'), 'sk@example.com'))
add('sk-ed25519-no-application', line('sk-ssh-ed25519@openssh.com', s('sk-ssh-ed25519@openssh.com')+s(ed)))
ep=parse(keys['ecdsab256'][1])[2]
add('sk-ecdsa', line('sk-ecdsa-sha2-nistp256@openssh.com', s('sk-ecdsa-sha2-nistp256@openssh.com')+s('nistp256')+s(ep)+s('ssh:')))
add('sk-ecdsa-no-application', line('sk-ecdsa-sha2-nistp256@openssh.com', s('sk-ecdsa-sha2-nistp256@openssh.com')+s('nistp256')+s(ep)))
with open('inputs.tsv','w') as f:
    f.write('# name\tauthorized key line\n')
    for n,l in cases: f.write(n+'\t'+l+'\n')
print(len(cases))
