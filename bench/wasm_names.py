"""Names the functions of a release wasm by V8's func_index (bench/cards_trace.py).

Trunk's wasm has no names; scripts/twiggy.sh makes target/twiggy/named.wasm,
the same wasm-bindgen and wasm-opt -Oz with names kept (-g). This checks the
two have the same function bodies (so the indices agree) and prints each
index's body size and name.

  python3 bench/wasm_names.py dist/style-picker-*_bg.wasm target/twiggy/named.wasm 1175 557
"""
import sys
def leb(b,i):
    r=s=0
    while True:
        x=b[i]; i+=1; r|=(x&0x7f)<<s; s+=7
        if x<0x80: return r,i
def sections(b):
    i=8; out=[]
    while i<len(b):
        sid=b[i]; i+=1; n,i=leb(b,i); out.append((sid,b[i:i+n])); i+=n
    return out
def info(path):
    b=open(path,'rb').read(); names={}; nimp=0; ncode=0; codesize=0; bodies=[]
    for sid,p in sections(b):
        if sid==2:
            cnt,j=leb(p,0)
            for _ in range(cnt):
                l,j=leb(p,j); j+=l; l,j=leb(p,j); j+=l; k=p[j]; j+=1
                if k==0: _,j=leb(p,j); nimp+=1
                elif k==1: j+=1; f,j=leb(p,j); _,j=leb(p,j); j = j if not (f&1) else leb(p,j)[1]
                elif k==2: f,j=leb(p,j); _,j=leb(p,j); j = j if not (f&1) else leb(p,j)[1]
                elif k==3: j+=2
                else: j+=1
        if sid==10:
            ncode,j=leb(p,0); codesize=len(p)
            for _ in range(ncode):
                l,j=leb(p,j); bodies.append(l); j+=l
        if sid==0:
            l,j=leb(p,0); nm=p[j:j+l].decode(); j+=l
            if nm=='name':
                while j<len(p):
                    sub=p[j]; j+=1; sl,j=leb(p,j); end=j+sl
                    if sub==1:
                        c,k=leb(p,j)
                        for _ in range(c):
                            idx,k=leb(p,k); l2,k=leb(p,k); names[idx]=p[k:k+l2].decode('utf8','replace'); k+=l2
                    j=end
    return nimp,ncode,codesize,bodies,names
a=info(sys.argv[1]); b=info(sys.argv[2])
print("imports",a[0],b[0],"funcs",a[1],b[1],"code",a[2],b[2], "bodies equal", a[3]==b[3])
names=b[4]
for idx in map(int, sys.argv[3:]):
    print(idx, a[3][idx-a[0]] if idx-a[0] < len(a[3]) else None, names.get(idx,'?')[:160])
